package io.presencehub.teams;

import io.presencehub.model.StatusType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TeamsIncomingMapperTest {

    @ParameterizedTest(name = "{0}/{1} -> {2}")
    @CsvSource({
            "Available,       Available,         available",
            "Available,       AvailableInactive, available",
            "Busy,            InACall,           dnd",
            "Busy,            InAMeeting,        dnd",
            "Busy,            Busy,              dnd",
            "Busy,            InAConferenceCall, dnd",
            "Busy,            Presenting,        none",
            "BusyIdle,        BusyIdle,          none",
            "DoNotDisturb,    DoNotDisturb,      dnd",
            "DoNotDisturb,    Presenting,        dnd",
            "DoNotDisturb,    UrgentInterruptionsOnly, dnd",
            "Away,            Away,              away",
            "Away,            OutOfOffice,       away",
            "BeRightBack,     BeRightBack,       away",
            "Offline,         Offline,           none",
            "Offline,         OffWork,           none",
            "PresenceUnknown, PresenceUnknown,   none",
            "AvailableIdle,   Available,         none",
            "Focusing,        Focusing,          none",
            "available,       available,         available",
            "BUSY,            INAMEETING,        dnd",
            "doNotDisturb,    presenting,        dnd",
    })
    void defaultsFollowTheSeed(String availability, String activity, String expected) {
        assertThat(TeamsIncomingMapper.defaults().map(availability, activity)).isEqualTo(expectation(expected));
    }

    @Test
    void aMissingAvailabilityMeansNoChange() {
        assertThat(TeamsIncomingMapper.defaults().map(null, "Busy")).isEmpty();
        assertThat(TeamsIncomingMapper.defaults().map(" ", "Busy")).isEmpty();
    }

    @ParameterizedTest(name = "{0}/{1} -> {2}")
    @CsvSource({
            "Busy,         InAMeeting, away",
            "Busy,         InACall,    dnd",
            "Busy,         Presenting, xa",
            "Offline,      OffWork,    unavailable",
            "Offline,      Offline,    none",
            "DoNotDisturb, Presenting, none",
            "Available,    Available,  chat",
    })
    void overridesReplaceDefaultsExactPairsBeatWildcardsAndNamesIgnoreCase(String availability, String activity,
                                                                        String expected) {
        TeamsIncomingMapper mapper = TeamsIncomingMapper.defaults().overriddenBy("""
                busy/inameeting = away
                Busy/* = xa            # anything else busy is extended away
                Offline/OffWork=unavailable; DoNotDisturb/Presenting=none, Available=chat
                """);

        assertThat(mapper.map(availability, activity)).isEqualTo(expectation(expected));
    }

    @Test
    void aTableFromEntriesAloneKnowsNothingElse() {
        TeamsIncomingMapper mapper = TeamsIncomingMapper.fromEntries("Busy/InACall=dnd");

        assertThat(mapper.map("Busy", "InACall")).isEqualTo(Optional.of(StatusType.DND));
        assertThat(mapper.map("Available", "Available")).isEmpty();
    }

    @Test
    void mapsATranslatedPresence() {
        GraphPresence presence = new GraphPresence("u1", "Busy", "InAMeeting", "", null, "1");

        assertThat(TeamsIncomingMapper.defaults().map(presence)).isEqualTo(Optional.of(StatusType.DND));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Busy/InAMeeting", "Busy/InAMeeting=", "=dnd", "Busy/InAMeeting=busy",
            "Busy/In A Meeting=dnd", "Busy/InAMeeting/x=dnd", "*/*=dnd", "/Busy=dnd"})
    void aBadEntryIsRejectedNamingIt(String entry) {
        assertThatThrownBy(() -> TeamsIncomingMapper.defaults().overriddenBy("Away=away\n" + entry))
                .isInstanceOf(TeamsMappingException.class).hasMessageContaining("'" + entry.trim() + "'");
    }

    @Test
    void anUnknownTypeNamesTheAllowedOnes() {
        assertThatThrownBy(() -> TeamsIncomingMapper.fromEntries("Busy/InAMeeting=busy"))
                .isInstanceOf(TeamsMappingException.class)
                .hasMessage("Teams incoming mapping entry 'Busy/InAMeeting=busy' maps to 'busy', which is no hub type"
                        + " (use one of available, chat, away, xa, dnd, unavailable or none)");
    }

    private static Optional<StatusType> expectation(String code) {
        return code.equals("none") ? Optional.empty() : Optional.of(StatusType.fromCode(code).orElseThrow());
    }
}
