package io.presencehub.teams;

import io.presencehub.model.StatusType;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Value table from a hub status type to the app session the hub should hold in Teams: one of the five
 * {@link SessionPair}s, or empty for "no session" (clearPresence, so the user's own Teams state shows).
 *
 * <p>Entries read {@code type=Availability/Activity} or {@code type=none}; every type has a value (the defaults
 * fill what a configuration leaves out).
 */
public final class TeamsSessionMapper {

    /** The seed's table: DND shows as "in a call"; available and chat clear the session (no 5-minute fade). */
    public static final String DEFAULTS = String.join("\n",
            "dnd=Busy/InACall",
            "unavailable=Busy/InACall",
            "away=Away/Away",
            "xa=Away/Away",
            "available=none",
            "chat=none");

    private static final String NONE = "none";

    private final Map<StatusType, Optional<SessionPair>> table;

    private TeamsSessionMapper(Map<StatusType, Optional<SessionPair>> table) {
        this.table = Collections.unmodifiableMap(table);
    }

    /** The seed defaults. */
    public static TeamsSessionMapper defaults() {
        return fromEntries(DEFAULTS);
    }

    /** The defaults with the given entries replacing theirs, so a partial configuration is still complete. */
    public static TeamsSessionMapper fromEntries(String entries) {
        EnumMap<StatusType, Optional<SessionPair>> merged = new EnumMap<>(StatusType.class);
        apply(merged, DEFAULTS);
        apply(merged, entries);
        return new TeamsSessionMapper(merged);
    }

    /** The session to hold for this hub type, or empty for "clear the app session". */
    public Optional<SessionPair> map(StatusType type) {
        return table.get(type);
    }

    private static void apply(Map<StatusType, Optional<SessionPair>> into, String entries) {
        for (MappingEntries.Entry entry : MappingEntries.split(entries)) {
            StatusType type = StatusType.fromCode(entry.key()).orElseThrow(() -> new TeamsMappingException(
                    "Teams session mapping entry '" + entry.original() + "' names no hub type (use one of "
                            + TeamsIncomingMapper.typeCodes() + ")"));
            if (NONE.equalsIgnoreCase(entry.value())) {
                into.put(type, Optional.empty());
                continue;
            }
            SessionPair pair = SessionPair.fromText(entry.value()).orElseThrow(() -> new TeamsMappingException(
                    "Teams session mapping entry '" + entry.original() + "' asks for a pair Graph rejects; setPresence"
                            + " accepts only " + SessionPair.allowedTexts() + " (or none to clear the session)"));
            into.put(type, Optional.of(pair));
        }
    }

    @Override
    public String toString() {
        return "TeamsSessionMapper" + table;
    }
}
