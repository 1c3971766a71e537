package io.presencehub.teams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.presencehub.camel.HubStartException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code hub.teams.call-session} and {@code hub.teams.call-activities}: the packaged defaults, none, and typos. */
class TeamsCallSettingsTest {

    private static TeamsSettings with(String key, String value) {
        return TeamsSettings.from(PackagedTeamsSettings.hubSettings(Map.of("hub.teams.tenant-id", "t",
                "hub.teams.client-id", "c", "hub.teams.client-secret", "s", key, value)));
    }

    @Test
    void thePackagedDefaultsAreBusyInACallAndTheFourCallActivities() {
        TeamsCallSettings calls = with("hub.teams.poll-interval", "10s").calls();
        assertThat(calls.callSession()).contains(SessionPair.BUSY_IN_A_CALL);
        assertThat(calls.callActivities()).containsExactlyInAnyOrder("inacall", "inaconferencecall", "inameeting",
                "presenting");
        assertThat(calls.isCallActivity("InAMeeting")).isTrue();
        assertThat(calls.isCallActivity("Busy")).isFalse();
    }

    @Test
    void noneTurnsTheCallSessionOffAndAnyOfTheFivePairsIsTaken() {
        assertThat(with("hub.teams.call-session", "none").calls().callSession()).isEqualTo(Optional.empty());
        assertThat(with("hub.teams.call-session", "NONE").calls().callSession()).isEqualTo(Optional.empty());
        assertThat(with("hub.teams.call-session", "donotdisturb/presenting").calls().callSession())
                .contains(SessionPair.DO_NOT_DISTURB_PRESENTING);
        assertThat(with("hub.teams.call-activities", "InACall InAMeeting").calls().callActivities())
                .containsExactlyInAnyOrder("inacall", "inameeting");
    }

    @Test
    void aPairGraphRejectsOrAnUnknownActivityStopsTheStartWithTheKeyAndTheChoices() {
        assertThatThrownBy(() -> with("hub.teams.call-session", "Busy/InAMeeting"))
                .isInstanceOf(HubStartException.class)
                .hasMessage("hub.teams.call-session: Busy/InAMeeting is not a pair Graph accepts in setPresence (use"
                        + " one of " + SessionPair.allowedTexts() + ", or none)");
        assertThatThrownBy(() -> with("hub.teams.call-activities", "InACall, InAMeting"))
                .isInstanceOf(HubStartException.class)
                .hasMessageStartingWith("hub.teams.call-activities: InAMeting is not a Graph activity (one of")
                .hasMessageContaining("InAMeeting");
    }
}
