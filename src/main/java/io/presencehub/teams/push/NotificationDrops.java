package io.presencehub.teams.push;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notifications dropped (unknown subscription, wrong clientState), logged once per subscription. Anybody can post to
 * the notification URL: an id that is no Graph id is neither kept nor logged as sent, and unknown ids are remembered
 * up to a bound. Guarded by {@link PushSubscriptions}.
 */
final class NotificationDrops {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationDrops.class);
    private static final int MAX_UNKNOWN = 1000;
    private static final Pattern GRAPH_ID = Pattern.compile("[0-9A-Za-z-]{1,64}");

    private final Set<String> reported = new LinkedHashSet<>();

    /** A drop; {@code known} when the subscription is the hub's (its clientState was wrong). */
    void dropped(String subscriptionId, boolean known) {
        String id = known || (subscriptionId != null && GRAPH_ID.matcher(subscriptionId).matches())
                ? subscriptionId : "(malformed or missing id)";
        String why = known ? "wrong clientState" : "unknown subscription";
        if ((known || reported.size() < MAX_UNKNOWN) && reported.add(id + " " + why)) {
            LOG.warn("Teams push: notification for {} dropped: {}", id, why);
        }
    }

    Set<String> reported() {
        return Set.copyOf(reported);
    }
}
