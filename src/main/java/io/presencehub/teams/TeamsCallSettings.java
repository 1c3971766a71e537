package io.presencehub.teams;

import io.presencehub.camel.HubStartException;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The call-state settings of the Teams connector: the app session the hub holds while a user is on the phone
 * ({@code hub.teams.call-session}, empty for {@code none}) and the Graph activities that mean "in a Teams call"
 * ({@code hub.teams.call-activities}, kept in lower case).
 */
public record TeamsCallSettings(Optional<SessionPair> callSession, Set<String> callActivities) {

    /** The activities Graph reports (microsoft-graph.md); anything else in the setting is a typo. */
    static final List<String> GRAPH_ACTIVITIES = List.of("Available", "Away", "BeRightBack", "Busy", "DoNotDisturb",
            "InACall", "InAConferenceCall", "Inactive", "InAMeeting", "Offline", "OffWork", "OutOfOffice",
            "PresenceUnknown", "Presenting", "UrgentInterruptionsOnly");

    public TeamsCallSettings {
        callActivities = Set.copyOf(callActivities);
    }

    /** Parses both settings; a value Graph would not know stops the start with the key and the allowed values. */
    public static TeamsCallSettings from(String callSession, String callActivities) {
        Optional<SessionPair> session = Optional.empty();
        if (!callSession.isBlank() && !callSession.strip().equalsIgnoreCase("none")) {
            session = Optional.of(SessionPair.fromText(callSession).orElseThrow(() -> new HubStartException(
                    "hub.teams.call-session: " + callSession.strip() + " is not a pair Graph accepts in setPresence"
                            + " (use one of " + SessionPair.allowedTexts() + ", or none)")));
        }
        Set<String> activities = new LinkedHashSet<>();
        for (String name : callActivities.split("[,\\s]+")) {
            if (name.isBlank()) {
                continue;
            }
            String known = GRAPH_ACTIVITIES.stream().filter(a -> a.equalsIgnoreCase(name)).findFirst()
                    .orElseThrow(() -> new HubStartException("hub.teams.call-activities: " + name
                            + " is not a Graph activity (one of " + String.join(", ", GRAPH_ACTIVITIES) + ")"));
            activities.add(known.toLowerCase(Locale.ROOT));
        }
        return new TeamsCallSettings(session, activities);
    }

    /** Whether Graph's activity means "in a Teams call" (any case). */
    public boolean isCallActivity(String activity) {
        return activity != null && callActivities.contains(activity.toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return "call session " + callSession.map(SessionPair::text).orElse("none") + ", call activities "
                + callActivities;
    }
}
