package io.presencehub.teams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.presencehub.store.ObservationFormatException;
import io.presencehub.store.StoredFields;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Stored text ↔ {@link TeamsHeld} with the Graph account it was written to (kind {@code teams-held}, keyed by
 * user): {@code v=1&account=…&session=…&sessionExpiresAt=…&message=…&messageExpiry=…}, absent fields meaning none
 * (see {@link StoredFields}). Rows of earlier releases (a JSON object) are read as they are.
 */
public final class TeamsHeldCodec {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the hub holds in Teams for one user, and the Graph id of the account that holds it. */
    public record AccountHeld(String graphId, TeamsHeld held) {

        /** Nothing known: the next reconcile writes again, which is harmless. */
        public static final AccountHeld NOTHING = new AccountHeld(null, TeamsHeld.NOTHING);
    }

    private TeamsHeldCodec() {
    }

    public static String encode(TeamsHeld held, String graphId) {
        StoredFields fields = StoredFields.create().with("account", graphId)
                .with("session", held.session().map(SessionPair::text).orElse(null))
                .with("sessionExpiresAt", text(held.sessionExpiresAt()));
        if (held.message() != null) {
            fields = fields.with("message", held.message().text()).with("messageExpiry", text(held.message().expiry()));
        }
        return fields.text();
    }

    /**
     * Reads a stored text.
     *
     * @throws ObservationFormatException when the text is in no form a release of the hub wrote
     */
    public static AccountHeld decode(String text) {
        if (StoredFields.isStoredFields(text)) {
            StoredFields fields = StoredFields.parse(text);
            return held(fields.get("account").orElse(null), fields.get("session").orElse(null),
                    fields.get("sessionExpiresAt").orElse(null), fields.get("message").orElse(null),
                    fields.get("messageExpiry").orElse(null));
        }
        return decodeFirstFormat(text);
    }

    /**
     * A stored text of any release in the current form; a text in no known form stays as it is (it reads as
     * nothing held, as before).
     */
    public static String upgrade(String text) {
        if (StoredFields.isStoredFields(text)) {
            return text;
        }
        try {
            AccountHeld held = decodeFirstFormat(text);
            return encode(held.held(), held.graphId());
        } catch (ObservationFormatException e) {
            return text;
        }
    }

    /** Releases before the codec: {@code {"account":…,"session":…,"expiresAt":…,"message":…,"messageExpiry":…}}. */
    /** A stored row; an unreadable one means "unknown" (logged at DEBUG): the next reconcile writes again, harmlessly. */
    static AccountHeld decodeOrNothing(io.presencehub.store.Observation row) {
        try {
            return decode(row.value());
        } catch (ObservationFormatException e) {
            org.slf4j.LoggerFactory.getLogger(TeamsWriter.class).debug(
                    "Teams: held state of {} not readable ({}); written again", row.key(), e.getMessage());
            return AccountHeld.NOTHING;
        }
    }

    private static AccountHeld decodeFirstFormat(String text) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (IOException e) {
            throw new ObservationFormatException("held Teams state is not JSON: " + e.getMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new ObservationFormatException("held Teams state is not a JSON object");
        }
        return held(field(node, "account"), field(node, "session"), field(node, "expiresAt"), field(node, "message"),
                field(node, "messageExpiry"));
    }

    private static AccountHeld held(String account, String session, String expiresAt, String message,
                                    String messageExpiry) {
        Optional<SessionPair> pair = SessionPair.fromText(session);
        TeamsTarget.StatusMessage status = message == null ? null
                : new TeamsTarget.StatusMessage(message, instant(messageExpiry));
        return new AccountHeld(account, new TeamsHeld(pair, pair.isPresent() ? instant(expiresAt) : null, status));
    }

    private static String field(JsonNode node, String name) {
        return node.hasNonNull(name) ? node.get(name).asText() : null;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static Instant instant(String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new ObservationFormatException("not an instant: " + text, e);
        }
    }
}
