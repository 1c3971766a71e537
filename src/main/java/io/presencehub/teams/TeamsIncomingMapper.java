package io.presencehub.teams;

import io.presencehub.model.StatusType;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Value table from a Teams presence (availability, activity) to the hub status type it means; an empty result means
 * "no change" (Offline, PresenceUnknown, anything unknown).
 *
 * <p>Entries read {@code Availability/Activity=type}, {@code Availability/*=type} or {@code Availability=type}
 * (same as {@code /*}); the type is a hub code ({@code dnd}, {@code away}, …) or {@code none}. Names are compared
 * case-insensitively. An exact pair beats the availability's wildcard.
 */
public final class TeamsIncomingMapper {

    /** The seed's table (STARFACE: Busy phone, meeting and busy all mean DND). */
    public static final String DEFAULTS = String.join("\n",
            "Available/*=available",
            "Busy/InACall=dnd",
            "Busy/InAConferenceCall=dnd",
            "Busy/InAMeeting=dnd",
            "Busy/Busy=dnd",
            "DoNotDisturb/*=dnd",
            "Away/*=away",
            "BeRightBack/*=away",
            "Offline/*=none",
            "PresenceUnknown/*=none");

    private static final String WILDCARD = "*";
    private static final String NONE = "none";
    // Any letters are allowed, so values Graph adds later can be mapped without a code change
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]*");

    private final Map<String, Optional<StatusType>> table;

    private TeamsIncomingMapper(Map<String, Optional<StatusType>> table) {
        this.table = Collections.unmodifiableMap(table);
    }

    /** The seed defaults. */
    public static TeamsIncomingMapper defaults() {
        return fromEntries(DEFAULTS);
    }

    /** A table holding only the given entries. */
    public static TeamsIncomingMapper fromEntries(String entries) {
        return new TeamsIncomingMapper(new LinkedHashMap<>()).overriddenBy(entries);
    }

    /** This table with the given entries added or replaced. */
    public TeamsIncomingMapper overriddenBy(String entries) {
        Map<String, Optional<StatusType>> merged = new LinkedHashMap<>(table);
        for (MappingEntries.Entry entry : MappingEntries.split(entries)) {
            merged.put(parseKey(entry), parseType(entry));
        }
        return new TeamsIncomingMapper(merged);
    }

    /** The hub type a Teams presence means, or empty for "no change". */
    public Optional<StatusType> map(String availability, String activity) {
        if (availability == null || availability.isBlank()) {
            return Optional.empty();
        }
        String avail = availability.trim().toLowerCase(Locale.ROOT);
        String act = activity == null ? "" : activity.trim().toLowerCase(Locale.ROOT);
        Optional<StatusType> exact = table.get(avail + "/" + act);
        if (exact != null) {
            return exact;
        }
        return table.getOrDefault(avail + "/" + WILDCARD, Optional.empty());
    }

    /** Convenience for a translated presence. */
    public Optional<StatusType> map(GraphPresence presence) {
        return map(presence.availability(), presence.activity());
    }

    private static String parseKey(MappingEntries.Entry entry) {
        String[] parts = entry.key().split("/", -1);
        if (parts.length > 2) {
            throw bad(entry, "has more than one '/'");
        }
        String availability = parts[0].trim();
        String activity = parts.length == 2 ? parts[1].trim() : WILDCARD;
        if (!NAME.matcher(availability).matches()) {
            throw bad(entry, "names no availability");
        }
        if (!WILDCARD.equals(activity) && !NAME.matcher(activity).matches()) {
            throw bad(entry, "names no activity (use a name or *)");
        }
        return (availability + "/" + activity).toLowerCase(Locale.ROOT);
    }

    private static Optional<StatusType> parseType(MappingEntries.Entry entry) {
        if (NONE.equalsIgnoreCase(entry.value())) {
            return Optional.empty();
        }
        return Optional.of(StatusType.fromCode(entry.value()).orElseThrow(() -> bad(entry,
                "maps to '" + entry.value() + "', which is no hub type (use one of " + typeCodes() + " or none)")));
    }

    static String typeCodes() {
        StringBuilder codes = new StringBuilder();
        for (StatusType type : StatusType.values()) {
            codes.append(codes.length() == 0 ? "" : ", ").append(type.code());
        }
        return codes.toString();
    }

    private static TeamsMappingException bad(MappingEntries.Entry entry, String why) {
        return new TeamsMappingException("Teams incoming mapping entry '" + entry.original() + "' " + why);
    }

    @Override
    public String toString() {
        return "TeamsIncomingMapper" + table;
    }
}
