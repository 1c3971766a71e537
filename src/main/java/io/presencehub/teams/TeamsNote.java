package io.presencehub.teams;

/**
 * The note the hub last took from a user's Teams status message (persisted, kind {@code teams-note}): while the user's
 * note is still this text, the note "came from Teams", so an empty message in Teams may clear it.
 *
 * @param note       the note as applied
 * @param returnTime the return time taken from the message's expiry (Unix seconds), 0 when it had none
 */
public record TeamsNote(String note, long returnTime) {

    public TeamsNote {
        note = note == null ? "" : note;
    }
}
