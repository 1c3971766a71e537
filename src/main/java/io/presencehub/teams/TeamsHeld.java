package io.presencehub.teams;

import java.time.Instant;
import java.util.Optional;

/**
 * What the hub last wrote to Teams for one user and Graph accepted: its app session (with expiry) and the status
 * message. Persisted, so that after a restart the hub knows which writes are still owed.
 *
 * @param session          the app session the hub holds, empty for none
 * @param sessionExpiresAt when that session ends; null without a session
 * @param message          the status message last set; null when the hub never set one
 */
public record TeamsHeld(Optional<SessionPair> session, Instant sessionExpiresAt, TeamsTarget.StatusMessage message) {

    public static final TeamsHeld NOTHING = new TeamsHeld(Optional.empty(), null, null);

    public TeamsHeld withSession(SessionPair pair, Instant expiresAt) {
        return new TeamsHeld(Optional.of(pair), expiresAt, message);
    }

    public TeamsHeld withoutSession() {
        return new TeamsHeld(Optional.empty(), null, message);
    }

    public TeamsHeld withMessage(TeamsTarget.StatusMessage newMessage) {
        return new TeamsHeld(session, sessionExpiresAt, newMessage);
    }
}
