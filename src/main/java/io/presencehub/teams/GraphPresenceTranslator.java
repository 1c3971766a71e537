package io.presencehub.teams;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.presencehub.model.NoteText;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Translates Graph presence JSON (one presence, or a {@code {"value":[…]}} list) into {@link GraphPresence}s. */
public final class GraphPresenceTranslator {

    // The docs mix PascalCase and camelCase, so known values are matched case-insensitively and stored in one
    // spelling; unknown values pass through untouched (Graph adds values over time).
    private static final Map<String, String> KNOWN_AVAILABILITIES = lowerCaseIndex("Available", "AvailableIdle",
            "AvailableInactive", "Away", "BeRightBack", "Busy", "BusyIdle", "DoNotDisturb", "Offline",
            "PresenceUnknown");
    private static final Map<String, String> KNOWN_ACTIVITIES = lowerCaseIndex("Available", "AvailableInactive",
            "Away", "BeRightBack", "Busy", "DoNotDisturb", "InACall", "InAConferenceCall", "Inactive", "InAMeeting",
            "Offline", "OffWork", "OutOfOffice", "PresenceUnknown", "Presenting", "UrgentInterruptionsOnly");
    /** Graph writes "no expiry" as the year 9999. */
    private static final int NEVER_YEAR = 9999;

    private final ObjectMapper json = new ObjectMapper();

    /** Translates the answer of getPresencesByUserId ({@code {"value":[…]}}). */
    public List<GraphPresence> fromPresenceList(String body) {
        JsonNode root = parse(body);
        JsonNode value = root.get("value");
        if (value == null || !value.isArray()) {
            throw new GraphFormatException("Graph presence list has no \"value\" array: " + abbreviate(body));
        }
        List<GraphPresence> presences = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            presences.add(fromNode(value.get(i), "value[" + i + "]"));
        }
        return presences;
    }

    /** Canonical spelling of a known availability, or the trimmed text as received. */
    public static String canonicalAvailability(String text) {
        return canonical(KNOWN_AVAILABILITIES, text);
    }

    /** Canonical spelling of a known activity, or the trimmed text as received. */
    public static String canonicalActivity(String text) {
        return canonical(KNOWN_ACTIVITIES, text);
    }

    private GraphPresence fromNode(JsonNode node, String where) {
        if (node == null || !node.isObject()) {
            throw new GraphFormatException("Graph " + where + " is not a JSON object");
        }
        String id = text(node, "id");
        if (id == null || id.isBlank()) {
            throw new GraphFormatException("Graph " + where + " has no user id");
        }
        JsonNode status = node.path("statusMessage");
        return new GraphPresence(id,
                canonicalAvailability(text(node, "availability")),
                canonicalActivity(text(node, "activity")),
                messageText(status.path("message")),
                expiry(status.path("expiryDateTime")),
                text(node, "sequenceNumber"));
    }

    private JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            throw new GraphFormatException("Graph presence answer is empty");
        }
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new GraphFormatException("Graph presence answer is not valid JSON (" + e.getOriginalMessage()
                    + "): " + abbreviate(body), e);
        }
    }

    private static String messageText(JsonNode message) {
        String content = text(message, "content");
        if (content == null) {
            return "";
        }
        // Teams sends what the user typed as HTML; the hub's notes are plain text
        if ("html".equalsIgnoreCase(text(message, "contentType"))) {
            content = content.replaceAll("<[^>]*>", "").replace("&nbsp;", " ").replace("&lt;", "<")
                    .replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&");
        }
        // control characters removed before the text is stored or sent, like a note from the status interface
        return NoteText.clean(content).strip();
    }

    /** An expiry we cannot place in time (unknown Windows zone name, bad date) is treated as "no expiry". */
    private static Instant expiry(JsonNode expiry) {
        String dateTime = text(expiry, "dateTime");
        if (dateTime == null || dateTime.isBlank()) {
            return null;
        }
        try {
            LocalDateTime local = LocalDateTime.parse(dateTime.endsWith("Z")
                    ? dateTime.substring(0, dateTime.length() - 1) : dateTime);
            if (local.getYear() >= NEVER_YEAR) {
                return null;
            }
            String zone = text(expiry, "timeZone");
            ZoneId zoneId = zone == null || zone.isBlank() || "UTC".equalsIgnoreCase(zone) ? ZoneId.of("UTC")
                    : ZoneId.of(zone);
            return local.atZone(zoneId).toInstant();
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String canonical(Map<String, String> known, String text) {
        if (text == null || text.isBlank()) {
            return "PresenceUnknown";
        }
        String trimmed = text.trim();
        return known.getOrDefault(trimmed.toLowerCase(Locale.ROOT), trimmed);
    }

    private static Map<String, String> lowerCaseIndex(String... values) {
        return Stream.of(values).collect(Collectors.toUnmodifiableMap(v -> v.toLowerCase(Locale.ROOT),
                Function.identity()));
    }

    private static String abbreviate(String body) {
        String oneLine = body.replaceAll("\\s+", " ");
        return oneLine.length() <= 120 ? oneLine : oneLine.substring(0, 120) + "…";
    }
}
