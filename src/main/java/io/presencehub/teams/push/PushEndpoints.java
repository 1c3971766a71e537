package io.presencehub.teams.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.presencehub.metrics.HubMetrics;
import io.presencehub.web.WebAnswer;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;

/**
 * The two URLs Graph calls (bean {@code teamsPushEndpoints}): {@code /teams/notifications} and
 * {@code /teams/lifecycle}. Each answers the validation handshake with the token, and a delivery with 202 at once: it
 * only checks subscription and clientState and hands the users on ({@link PushReads}, {@link PushSubscriptions}),
 * never calling Graph on the request thread. A body that is not a notification list is refused with 400 and why.
 */
public final class PushEndpoints {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TEXT = "text/plain; charset=utf-8";
    /** {@code communications/presences('id')} or {@code /communications/presences/id}. */
    private static final Pattern RESOURCE = Pattern.compile("presences(?:\\('([^']+)'\\)|/([^/?]+))");

    private final PushSubscriptions subscriptions;
    private final PushReads reads;
    private volatile HubMetrics metrics = HubMetrics.off();

    public PushEndpoints(PushSubscriptions subscriptions, PushReads reads) {
        this.subscriptions = subscriptions;
        this.reads = reads;
    }

    /** Counts the notification items, accepted and dropped, in these meters. */
    public void measureWith(HubMetrics metrics) {
        this.metrics = metrics;
    }

    /** Change notifications: the users they name are read soon. */
    public void notification(Exchange exchange) {
        answer(exchange, false);
    }

    /** Lifecycle notifications: reauthorizationRequired, subscriptionRemoved, missed. */
    public void lifecycle(Exchange exchange) {
        answer(exchange, true);
    }

    private void answer(Exchange exchange, boolean lifecycle) {
        // platform-http gives the query's validationToken URL-decoded, as a header
        String token = exchange.getMessage().getHeader("validationToken", String.class);
        if (token != null) {
            WebAnswer.send(exchange, 200, TEXT, token);
            return;
        }
        JsonNode items;
        try {
            String body = exchange.getMessage().getBody(String.class);
            items = body == null || body.isBlank() ? null : JSON.readTree(body).get("value");
        } catch (IOException e) {
            items = null;
        }
        if (items == null || !items.isArray()) {
            WebAnswer.send(exchange, 400, TEXT, "not a Graph notification: expected JSON {\"value\":[...]}");
            return;
        }
        Set<String> changed = new LinkedHashSet<>();
        int dropped = 0;
        for (JsonNode item : items) {
            String subscription = text(item, "subscriptionId");
            Optional<Set<String>> users = subscriptions.accepted(subscription, text(item, "clientState"));
            if (users.isEmpty()) {
                dropped++;
                continue;
            }
            if (lifecycle) {
                subscriptions.lifecycle(subscription, text(item, "lifecycleEvent"));
            } else {
                userOf(item).filter(users.get()::contains).ifPresent(changed::add);
            }
        }
        if (!changed.isEmpty()) {
            reads.notified(changed);
        }
        metrics.teamsNotifications("accepted", items.size() - dropped);
        metrics.teamsNotifications("dropped", dropped);
        WebAnswer.send(exchange, 202, TEXT, "");
    }

    /** The user a notification is about: {@code resourceData.id}, else the id in {@code resource}. */
    static Optional<String> userOf(JsonNode item) {
        String id = text(item.path("resourceData"), "id");
        if (id != null && !id.isBlank()) {
            return Optional.of(id);
        }
        String resource = text(item, "resource");
        if (resource == null) {
            return Optional.empty();
        }
        Matcher matcher = RESOURCE.matcher(resource);
        return matcher.find() ? Optional.of(matcher.group(1) != null ? matcher.group(1) : matcher.group(2))
                : Optional.empty();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isTextual() ? null : value.asText();
    }
}
