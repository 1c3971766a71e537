package io.presencehub.teams;

import io.presencehub.store.Observation;
import io.presencehub.store.ObservationFormatException;
import io.presencehub.store.StoredFields;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stored text ↔ {@link GraphObservation} (kind {@code teams-presence}, keyed by user):
 * {@code v=1&availability=…&activity=…&statusMessage=…&sequenceNumber=…} (see {@link StoredFields}). Rows of
 * earlier releases (the four fields separated by U+001F) are read as they are and written in the current form the
 * next time the user's presence changes.
 */
public final class GraphObservationCodec {

    private static final Logger LOG = LoggerFactory.getLogger(GraphObservationCodec.class);
    private static final String FIRST_FORMAT_SEPARATOR = "\u001f";

    private GraphObservationCodec() {
    }

    public static String encode(GraphObservation observed) {
        return StoredFields.create().with("availability", observed.availability()).with("activity", observed.activity())
                .with("statusMessage", observed.statusMessage()).with("sequenceNumber", observed.sequenceNumber())
                .text();
    }

    /**
     * Reads a stored text.
     *
     * @throws ObservationFormatException when a text of the current form is damaged or of a newer version
     */
    public static GraphObservation decode(String text) {
        if (StoredFields.isStoredFields(text)) {
            StoredFields fields = StoredFields.parse(text);
            return new GraphObservation(fields.require("availability"), fields.require("activity"),
                    fields.require("statusMessage"), fields.require("sequenceNumber"));
        }
        return decodeFirstFormat(text);
    }

    /** A stored row, or empty when it is unreadable (one WARN): no baseline, the first poll takes what Graph shows. */
    static Optional<GraphObservation> stored(Observation row) {
        try {
            return Optional.of(decode(row.value()));
        } catch (ObservationFormatException e) {
            LOG.warn("Teams: stored presence of {} not readable ({}); the next poll is its baseline", row.key(),
                    e.getMessage());
            return Optional.empty();
        }
    }

    /** A stored text of any release in the current form. */
    public static String upgrade(String text) {
        return StoredFields.isStoredFields(text) ? text : encode(decodeFirstFormat(text));
    }

    /** Releases before the codec: four fields separated by U+001F; missing ones read as their defaults. */
    private static GraphObservation decodeFirstFormat(String text) {
        String[] f = text.split(FIRST_FORMAT_SEPARATOR, -1);
        return new GraphObservation(f[0], f.length > 1 ? f[1] : null, f.length > 2 ? f[2] : null,
                f.length > 3 ? f[3] : null);
    }
}
