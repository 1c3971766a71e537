package io.presencehub.teams;

/**
 * One write the hub owes Teams for a user.
 *
 * @param kind    which Graph call
 * @param pair    the session pair for {@link Kind#SET_PRESENCE}, else null
 * @param message the message for {@link Kind#SET_STATUS_MESSAGE}, else null
 */
public record TeamsWrite(Kind kind, SessionPair pair, TeamsTarget.StatusMessage message) {

    /** The three presence writes the hub makes. */
    public enum Kind { SET_PRESENCE, CLEAR_PRESENCE, SET_STATUS_MESSAGE }

    public static TeamsWrite set(SessionPair pair) {
        return new TeamsWrite(Kind.SET_PRESENCE, pair, null);
    }

    public static TeamsWrite clear() {
        return new TeamsWrite(Kind.CLEAR_PRESENCE, null, null);
    }

    public static TeamsWrite message(TeamsTarget.StatusMessage message) {
        return new TeamsWrite(Kind.SET_STATUS_MESSAGE, null, message);
    }
}
