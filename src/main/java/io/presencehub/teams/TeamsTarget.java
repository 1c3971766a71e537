package io.presencehub.teams;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the hub wants Teams to show for one user: the app session to hold (empty = none, clearPresence) and the status
 * message (null = the hub does not manage messages).
 */
public record TeamsTarget(Optional<SessionPair> session, StatusMessage message) {

    /** A Teams status message: text (empty clears it) and when it ends (null = no expiry). */
    public record StatusMessage(String text, Instant expiry) {
        public StatusMessage {
            text = text == null ? "" : text;
        }
    }

    public TeamsTarget {
        Objects.requireNonNull(session, "session");
    }

    /** "Busy/InACall", "no session", with the message when the hub manages it: for the decision log. */
    public String describe() {
        return session.map(SessionPair::text).orElse("no session")
                + (message == null ? "" : ", message '" + message.text() + "'");
    }
}
