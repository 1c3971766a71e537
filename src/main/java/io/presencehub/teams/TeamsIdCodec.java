package io.presencehub.teams;

import io.presencehub.store.ObservationFormatException;
import io.presencehub.store.StoredFields;

/**
 * Stored text ↔ Graph user id (kind {@code teams-id}, the e-mail → id cache keyed by normalised e-mail):
 * {@code v=1&id=…} (see {@link StoredFields}). Rows of earlier releases hold the bare id (Graph ids are GUIDs, so
 * none starts like the current form) and are read as they are.
 */
public final class TeamsIdCodec {

    private TeamsIdCodec() {
    }

    public static String encode(String graphId) {
        return StoredFields.create().with("id", graphId).text();
    }

    /**
     * Reads a stored text.
     *
     * @throws ObservationFormatException when a text of the current form is damaged or of a newer version
     */
    public static String decode(String text) {
        return StoredFields.isStoredFields(text) ? StoredFields.parse(text).require("id") : text;
    }

    /** A stored text of any release in the current form. */
    public static String upgrade(String text) {
        return StoredFields.isStoredFields(text) ? text : encode(text);
    }
}
