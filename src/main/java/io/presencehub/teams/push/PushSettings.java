package io.presencehub.teams.push;

import io.presencehub.camel.HubSettings;
import java.time.Duration;
import java.util.Optional;

/**
 * The push settings: where Graph reaches the hub ({@code hub.teams.public-url}), how often the poll still reconciles
 * while push is healthy ({@code hub.teams.reconcile-interval}) and how long notified users are gathered before one
 * read ({@code hub.teams.push-coalesce}).
 *
 * @param publicUrl         the https base URL without trailing slash
 * @param reconcileInterval the poll interval of users whose subscription works
 * @param coalesce          the notified users' gathering time
 */
public record PushSettings(String publicUrl, Duration reconcileInterval, Duration coalesce) {

    public static final String NOTIFICATIONS_PATH = "/teams/notifications";
    public static final String LIFECYCLE_PATH = "/teams/lifecycle";

    public PushSettings {
        while (publicUrl.endsWith("/")) {
            publicUrl = publicUrl.substring(0, publicUrl.length() - 1);
        }
        if (reconcileInterval.isNegative() || reconcileInterval.isZero()) {
            throw new IllegalArgumentException("hub.teams.reconcile-interval must be positive, was " + reconcileInterval);
        }
        if (coalesce.isNegative() || coalesce.isZero()) {
            throw new IllegalArgumentException("hub.teams.push-coalesce must be positive, was " + coalesce);
        }
    }

    /** The push settings, or empty when no public URL is set (polling only). */
    public static Optional<PushSettings> from(HubSettings settings) {
        return settings.optionalText("hub.teams.public-url").map(url -> new PushSettings(url,
                settings.duration("hub.teams.reconcile-interval"), settings.duration("hub.teams.push-coalesce")));
    }

    public String notificationUrl() {
        return publicUrl + NOTIFICATIONS_PATH;
    }

    public String lifecycleUrl() {
        return publicUrl + LIFECYCLE_PATH;
    }
}
