package io.presencehub.teams;

import java.time.Instant;
import java.util.Optional;

/**
 * The visible effect the hub expects from its own session write: the pair it set, or (after clearPresence) whatever
 * the user's own state is. Only a read that started after the write completed can show it.
 *
 * @param session   the pair set, empty after a clear
 * @param writtenAt when Graph confirmed the write
 */
public record TeamsEcho(Optional<SessionPair> session, Instant writtenAt) {
}
