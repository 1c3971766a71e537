package io.presencehub.teams;

import io.presencehub.store.ObservationFormatException;
import io.presencehub.store.StoredFields;

/** Stored text ↔ {@link TeamsNote} (kind {@code teams-note}, keyed by user): {@code v=1&note=…&returnTime=…}. */
public final class TeamsNoteCodec {

    private TeamsNoteCodec() {
    }

    public static String encode(TeamsNote taken) {
        return StoredFields.create().with("note", taken.note()).with("returnTime", Long.toString(taken.returnTime()))
                .text();
    }

    /**
     * Reads a stored text.
     *
     * @throws ObservationFormatException when the text is damaged or of a newer version
     */
    public static TeamsNote decode(String text) {
        StoredFields fields = StoredFields.parse(text);
        try {
            return new TeamsNote(fields.require("note"), Long.parseLong(fields.require("returnTime")));
        } catch (NumberFormatException e) {
            throw new ObservationFormatException("return time is not a number: " + e.getMessage());
        }
    }
}
