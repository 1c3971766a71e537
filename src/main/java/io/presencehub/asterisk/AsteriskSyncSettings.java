package io.presencehub.asterisk;

import io.presencehub.model.StatusType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The Status Sync rules of seed 000: whether to sync, the incoming and outgoing multi-extension
 * methods, the priority order of status types and the mapping tables.
 *
 * @param priority status types, highest first; types not listed rank below every listed one
 */
public record AsteriskSyncSettings(boolean syncEnabled, IncomingMethod incoming, OutgoingMethod outgoing,
                                   List<StatusType> priority, AsteriskStateMapper mapper) {

    public static final String DEFAULT_PRIORITY = "dnd, unavailable, xa, away, chat, available";

    public AsteriskSyncSettings {
        Objects.requireNonNull(incoming, "incoming");
        Objects.requireNonNull(outgoing, "outgoing");
        priority = List.copyOf(priority);
        Objects.requireNonNull(mapper, "mapper");
    }

    /** The defaults: sync on, default extension both ways, the default priority, identity mapping. */
    public static AsteriskSyncSettings defaults() {
        return from(key -> Optional.empty());
    }

    /** Reads every {@code hub.asterisk.*} sync setting; missing keys take the defaults, errors name the key. */
    public static AsteriskSyncSettings from(Function<String, Optional<String>> settings) {
        Function<String, Optional<String>> trimmed =
                key -> settings.apply(key).map(String::trim).filter(v -> !v.isEmpty());
        String enabledKey = "hub.asterisk.sync-enabled";
        String enabled = trimmed.apply(enabledKey).orElse("true");
        if (!enabled.equalsIgnoreCase("true") && !enabled.equalsIgnoreCase("false")) {
            throw new IllegalStateException("setting " + enabledKey + " must be true or false, not '" + enabled + "'");
        }
        String incomingKey = "hub.asterisk.incoming-method";
        String outgoingKey = "hub.asterisk.outgoing-method";
        return new AsteriskSyncSettings(Boolean.parseBoolean(enabled),
                IncomingMethod.parse(incomingKey, trimmed.apply(incomingKey).orElse("default-extension")),
                OutgoingMethod.parse(outgoingKey, trimmed.apply(outgoingKey).orElse("default-extension")),
                parsePriority("hub.asterisk.status-type-priority",
                        trimmed.apply("hub.asterisk.status-type-priority").orElse(DEFAULT_PRIORITY)),
                // an empty mapping value is kept: "map to nothing", like none
                AsteriskStateMapper.from(key -> settings.apply(key).map(String::trim)));
    }

    /** Parses a comma list of status types, highest first; rejects unknown and repeated types. */
    static List<StatusType> parsePriority(String key, String value) {
        List<StatusType> order = new ArrayList<>();
        for (String part : value.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            StatusType type = StatusType.fromCode(part).orElseThrow(() -> new IllegalStateException("setting " + key
                    + " lists '" + part.trim() + "', which is not a hub status type"
                    + " (available, chat, away, xa, dnd, unavailable)"));
            if (order.contains(type)) {
                throw new IllegalStateException("setting " + key + " lists '" + type.code() + "' twice");
            }
            order.add(type);
        }
        return order;
    }

    /** The rank of a type in the priority list: 0 is highest; unlisted types rank last. */
    public int rank(StatusType type) {
        int index = priority.indexOf(type);
        return index < 0 ? priority.size() : index;
    }
}
