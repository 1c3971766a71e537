package io.presencehub.asterisk;

import io.presencehub.model.StatusType;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The two mapping tables between hub status types and Asterisk presence states. A type or state
 * without a mapping (or mapped to {@code none}) is not synchronised in that direction.
 */
public final class AsteriskStateMapper {

    /** Every presence state Asterisk reports, in its own spelling. */
    public static final List<String> ASTERISK_STATES =
            List.of("not_set", "unavailable", "available", "away", "xa", "chat", "dnd");
    /** The value that switches a mapping off. */
    public static final String NONE = "none";
    public static final String OUTGOING_PREFIX = "hub.asterisk.outgoing-map.";
    public static final String INCOMING_PREFIX = "hub.asterisk.incoming-map.";

    private final Map<StatusType, String> outgoing;
    private final Map<String, StatusType> incoming;

    public AsteriskStateMapper(Map<StatusType, String> outgoing, Map<String, StatusType> incoming) {
        this.outgoing = Map.copyOf(outgoing);
        this.incoming = Map.copyOf(incoming);
    }

    /**
     * Reads {@code hub.asterisk.outgoing-map.<type>} and {@code hub.asterisk.incoming-map.<state>}; every key must be
     * set (the packaged application.properties sets all of them). Errors name the bad key.
     */
    public static AsteriskStateMapper from(Function<String, Optional<String>> settings) {
        Map<StatusType, String> out = new EnumMap<>(StatusType.class);
        for (StatusType type : StatusType.values()) {
            String key = OUTGOING_PREFIX + type.code();
            String value = required(settings, key);
            if (value.isEmpty() || value.equals(NONE)) {
                continue;
            }
            if (!ASTERISK_STATES.contains(value)) {
                throw new IllegalStateException("setting " + key + " must be an Asterisk presence state ("
                        + String.join(", ", ASTERISK_STATES) + ") or none, not '" + value + "'");
            }
            out.put(type, value);
        }
        Map<String, StatusType> in = new LinkedHashMap<>();
        for (String state : ASTERISK_STATES) {
            String key = INCOMING_PREFIX + state;
            String value = required(settings, key);
            if (value.isEmpty() || value.equals(NONE)) {
                continue;
            }
            StatusType type = StatusType.fromCode(value).orElseThrow(() -> new IllegalStateException(
                    "setting " + key + " must be a hub status type (available, chat, away, xa, dnd, unavailable)"
                            + " or none, not '" + value + "'"));
            in.put(state, type);
        }
        return new AsteriskStateMapper(out, in);
    }

    private static String required(Function<String, Optional<String>> settings, String key) {
        return settings.apply(key).map(String::trim)
                .orElseThrow(() -> new IllegalStateException("setting " + key + " is missing"))
                .toLowerCase(Locale.ROOT);
    }

    /**
     * Rejects mapping keys that name no hub type ({@code outgoing-map.<type>}) or no Asterisk state
     * ({@code incoming-map.<state>}): a typo there would otherwise silently keep the default.
     */
    public static void checkKeys(java.util.Collection<String> keys) {
        for (String key : keys) {
            if (key.startsWith(OUTGOING_PREFIX)) {
                String type = key.substring(OUTGOING_PREFIX.length());
                if (StatusType.fromCode(type).filter(t -> t.code().equals(type)).isEmpty()) {
                    throw new IllegalStateException("setting " + key + " names no hub status type"
                            + " (available, chat, away, xa, dnd, unavailable)");
                }
            } else if (key.startsWith(INCOMING_PREFIX)) {
                String state = key.substring(INCOMING_PREFIX.length());
                if (!ASTERISK_STATES.contains(state)) {
                    throw new IllegalStateException("setting " + key + " names no Asterisk presence state ("
                            + String.join(", ", ASTERISK_STATES) + ")");
                }
            }
        }
    }

    /** The Asterisk state a hub type is written as; empty when the type is not synchronised outwards. */
    public Optional<String> toAsterisk(StatusType type) {
        return Optional.ofNullable(outgoing.get(type));
    }

    /** The hub type an Asterisk state stands for; empty when the state is not synchronised inwards. */
    public Optional<StatusType> toHub(String asteriskState) {
        return asteriskState == null ? Optional.empty()
                : Optional.ofNullable(incoming.get(asteriskState.toLowerCase(Locale.ROOT)));
    }

    @Override
    public String toString() {
        return "AsteriskStateMapper[outgoing=" + outgoing + ", incoming=" + incoming + "]";
    }
}
