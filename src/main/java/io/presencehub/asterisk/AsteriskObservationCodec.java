package io.presencehub.asterisk;

import io.presencehub.store.ObservationFormatException;
import io.presencehub.store.StoredFields;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Stored text ↔ {@link AsteriskObservation}, for the three kinds that hold one ({@code asterisk},
 * {@code asterisk-written}, {@code asterisk-pending}): {@code v=1&state=…&subtype=…&message=…} (see
 * {@link StoredFields}); the presentity is the row's key and the time its own column. Rows of earlier
 * releases ({@code state,<base64 subtype>,<base64 message>}) are read as they are and written in the
 * current form the next time they change.
 */
public final class AsteriskObservationCodec {

    /** A withdrawn pending write: no value (an empty text in every release). */
    public static final String NO_VALUE = "";

    private AsteriskObservationCodec() {
    }

    /** The stored text of an observation's state, subtype and message. */
    public static String encode(AsteriskObservation observation) {
        return StoredFields.create().with("state", observation.state()).with("subtype", observation.subtype())
                .with("message", observation.message()).text();
    }

    /**
     * Reads a stored text: empty for {@link #NO_VALUE}.
     *
     * @throws ObservationFormatException when the text is in no format a release of the hub wrote
     */
    public static Optional<AsteriskObservation> decode(String presentity, String text, Instant observedAt) {
        if (text.equals(NO_VALUE)) {
            return Optional.empty();
        }
        if (StoredFields.isStoredFields(text)) {
            StoredFields fields = StoredFields.parse(text);
            return Optional.of(new AsteriskObservation(presentity, nonEmpty(fields.require("state")),
                    fields.require("subtype"), fields.require("message"), observedAt));
        }
        return Optional.of(decodeFirstFormat(presentity, text, observedAt));
    }

    /**
     * A stored text of any release in the current form; {@link #NO_VALUE} and a text in no known form stay as they
     * are (the latter is skipped when read, as before).
     */
    public static String upgrade(String text) {
        if (text.equals(NO_VALUE) || StoredFields.isStoredFields(text)) {
            return text;
        }
        try {
            return encode(decodeFirstFormat("", text, Instant.EPOCH));
        } catch (ObservationFormatException e) {
            return text;
        }
    }

    /** Releases before the codecs: {@code state,<base64 subtype>,<base64 message>}, like the Setvar value. */
    private static AsteriskObservation decodeFirstFormat(String presentity, String text, Instant observedAt) {
        String[] parts = text.split(",", -1);
        if (parts.length != 3) {
            throw new ObservationFormatException("an Asterisk observation has 3 comma-separated parts, not "
                    + parts.length);
        }
        return new AsteriskObservation(presentity, nonEmpty(parts[0]), unb64(parts[1]), unb64(parts[2]), observedAt);
    }

    private static String nonEmpty(String state) {
        if (state.isEmpty()) {
            throw new ObservationFormatException("an Asterisk observation without a state");
        }
        return state;
    }

    private static String unb64(String text) {
        try {
            return new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ObservationFormatException("not base64: " + e.getMessage(), e);
        }
    }
}
