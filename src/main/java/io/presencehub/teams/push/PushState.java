package io.presencehub.teams.push;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The subscriptions at a glance, for health and the admin page.
 *
 * @param chunks         chunks of users that should have a subscription
 * @param healthy        of those, the ones whose subscription works
 * @param earliestExpiry the earliest expiry of a working subscription
 * @param failures       why the others do not work, one line each
 */
public record PushState(int chunks, int healthy, Optional<Instant> earliestExpiry, List<String> failures) {

    /** "2 of 2 subscriptions working, earliest expiry …", then those being created and what does not work. */
    public String describe() {
        int creating = chunks - healthy - failures.size();
        return healthy + " of " + chunks + " subscriptions working" + earliestExpiry.map(at -> ", earliest expiry " + at)
                .orElse("") + (creating > 0 ? "; " + creating + " being created" : "")
                + (failures.isEmpty() ? "" : "; not working: " + String.join("; ", failures));
    }
}
