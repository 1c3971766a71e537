package io.presencehub.decisions;

import io.presencehub.model.UserKey;
import java.time.Instant;
import java.util.Optional;

/**
 * One decision of the hub's rules.
 *
 * @param sequence its number in the log (1 for the first since the start)
 * @param user     the user it was about; null when it was about no single user
 * @param reason   the decision in words, e.g. "phone 2002 ignored: not the default extension"
 */
public record Decision(long sequence, Instant at, UserKey user, World world, String reason) {

    public Optional<UserKey> userKey() {
        return Optional.ofNullable(user);
    }
}
