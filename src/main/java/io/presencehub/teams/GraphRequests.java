package io.presencehub.teams;

import io.presencehub.model.UserKey;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The edge out: every request the hub sends to Graph (user list, presence poll, the three presence writes), built
 * in this one place, bodies with Jackson. Route {@code teams-call} sends them.
 */
public final class GraphRequests {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Graph's dateTimeTimeZone text: always with seconds ({@code LocalDateTime.toString} drops ":00"). */
    private static final DateTimeFormatter GRAPH_DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

    private final String graphUrl;
    private final String clientId;
    private final Duration sessionExpiration;

    /**
     * @param graphUrl          Graph base URL without trailing slash
     * @param clientId          the app's client id, also the {@code sessionId} of its presence sessions
     * @param sessionExpiration {@code expirationDuration} of every setPresence
     */
    public GraphRequests(String graphUrl, String clientId, Duration sessionExpiration) {
        this.graphUrl = graphUrl;
        this.clientId = clientId;
        this.sessionExpiration = sessionExpiration;
    }

    public static GraphRequests of(TeamsSettings settings) {
        return new GraphRequests(settings.graphUrl(), settings.clientId(), settings.sessionExpiration());
    }

    /** The first page of Graph's user list (id, mail, user principal name). */
    public GraphCall listUsers(int pageSize, Instant now) {
        String url = graphUrl + "/users?$select=" + URLEncoder.encode("id,mail,userPrincipalName",
                StandardCharsets.UTF_8) + "&$top=" + pageSize;
        return nextUsersPage(url, now);
    }

    /** A further page of the user list: Graph's absolute {@code @odata.nextLink}, followed as is. */
    public GraphCall nextUsersPage(String nextLink, Instant now) {
        return new GraphCall(GraphCall.Purpose.LIST_USERS, "GET", nextLink, null, null, null, false, now, null);
    }

    /** {@code getPresencesByUserId} for up to 650 ids. */
    public GraphCall poll(List<String> ids, Instant now, RequestBudget.Ticket ticket) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode array = body.putArray("ids");
        ids.forEach(array::add);
        return new GraphCall(GraphCall.Purpose.POLL, "POST", graphUrl + "/communications/getPresencesByUserId",
                body.toString(), null, null, true, now, ticket);
    }

    /** One presence write for a user's Graph account: setPresence, clearPresence or setStatusMessage. */
    public GraphCall write(UserKey user, String graphId, TeamsWrite write, Instant now, RequestBudget.Ticket ticket) {
        ObjectNode body = JSON.createObjectNode();
        String path;
        switch (write.kind()) {
            case SET_PRESENCE -> {
                path = "setPresence";
                body.put("sessionId", clientId).put("availability", write.pair().availability())
                        .put("activity", write.pair().activity())
                        .put("expirationDuration", sessionExpiration.toString());
            }
            case CLEAR_PRESENCE -> {
                path = "clearPresence";
                body.put("sessionId", clientId);
            }
            default -> {
                path = "setStatusMessage";
                ObjectNode status = body.putObject("statusMessage");
                status.putObject("message").put("content", write.message().text()).put("contentType", "text");
                Instant expiry = write.message().expiry();
                if (expiry != null && expiry.isAfter(now)) {
                    status.putObject("expiryDateTime")
                            .put("dateTime", GRAPH_DATE_TIME.format(LocalDateTime.ofInstant(expiry, ZoneOffset.UTC)))
                            .put("timeZone", "UTC");
                }
            }
        }
        return new GraphCall(GraphCall.Purpose.WRITE, "POST", graphUrl + "/users/" + graphId + "/presence/" + path,
                body.toString(), user, write, true, now, ticket);
    }
}
