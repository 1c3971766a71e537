package io.presencehub.asterisk;

/** What became of one Setvar the writer route sent: the write and Asterisk's answer, typed (no exception escapes). */
public record AsteriskWriteOutcome(PresenceWrite write, Result result, String detail) {

    /** Asterisk's answer to one Setvar. */
    public enum Result {
        /** Asterisk stored it. */
        WRITTEN,
        /** AMI was down or dropped before the answer: the write stays owed until the next snapshot is taken. */
        NOT_CONNECTED,
        /** Asterisk refused it, or the value cannot be written: dropped (the user's next change is written). */
        FAILED
    }

    public static AsteriskWriteOutcome written(PresenceWrite write) {
        return new AsteriskWriteOutcome(write, Result.WRITTEN, "");
    }
}
