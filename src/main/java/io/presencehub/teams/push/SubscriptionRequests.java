package io.presencehub.teams.push;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.presencehub.teams.GraphCall;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.stream.Collectors;

/** The subscription requests (create, renew, delete), built in one place; route {@code teams-call} sends them. */
public final class SubscriptionRequests {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String graphUrl;
    private final PushSettings settings;

    public SubscriptionRequests(String graphUrl, PushSettings settings) {
        this.graphUrl = graphUrl;
        this.settings = settings;
    }

    /** {@code POST /subscriptions} for these users' presence, delivered with this clientState. */
    public GraphCall create(Collection<String> ids, String clientState, Instant expiresAt, Instant now) {
        ObjectNode body = JSON.createObjectNode()
                .put("changeType", "updated")
                .put("notificationUrl", settings.notificationUrl())
                .put("lifecycleNotificationUrl", settings.lifecycleUrl())
                .put("resource", resource(ids))
                .put("expirationDateTime", graphTime(expiresAt))
                .put("clientState", clientState);
        return call("POST", graphUrl + "/subscriptions", body.toString(), now);
    }

    /** {@code PATCH /subscriptions/{id}}: the new expiry. */
    public GraphCall renew(String subscriptionId, Instant expiresAt, Instant now) {
        ObjectNode body = JSON.createObjectNode().put("expirationDateTime", graphTime(expiresAt));
        return call("PATCH", url(subscriptionId), body.toString(), now);
    }

    /** {@code GET /subscriptions}: the app's subscriptions, some maybe left by an earlier run of the hub. */
    public GraphCall list(Instant now) {
        return call("GET", graphUrl + "/subscriptions", null, now);
    }

    /** A further page of that list: Graph's absolute {@code @odata.nextLink}, followed as is. */
    public GraphCall listPage(String nextLink, Instant now) {
        return call("GET", nextLink, null, now);
    }

    /** Whether a listed subscription delivers to this hub. */
    public boolean ours(String notificationUrl) {
        return settings.notificationUrl().equals(notificationUrl);
    }

    /** {@code DELETE /subscriptions/{id}}. */
    public GraphCall delete(String subscriptionId, Instant now) {
        return call("DELETE", url(subscriptionId), null, now);
    }

    /** {@code /communications/presences?$filter=id in ('a','b')}; Graph ids hold no quote, doubled anyway. */
    static String resource(Collection<String> ids) {
        return "/communications/presences?$filter=id in (" + ids.stream()
                .map(id -> "'" + id.replace("'", "''") + "'").collect(Collectors.joining(",")) + ")";
    }

    static String graphTime(Instant at) {
        return at.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private String url(String subscriptionId) {
        return graphUrl + "/subscriptions/" + URLEncoder.encode(subscriptionId, StandardCharsets.UTF_8);
    }

    private static GraphCall call(String method, String url, String body, Instant now) {
        return new GraphCall(GraphCall.Purpose.SUBSCRIPTION, method, url, body, null, null, false, now, null);
    }
}
