package io.presencehub.teams;

import io.presencehub.model.StatusType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        assertEquals(expectation(expected), TeamsIncomingMapper.defaults().map(availability, activity));
    }

    @Test
    void aMissingAvailabilityMeansNoChange() {
        assertEquals(Optional.empty(), TeamsIncomingMapper.defaults().map(null, "Busy"));
        assertEquals(Optional.empty(), TeamsIncomingMapper.defaults().map(" ", "Busy"));
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

        assertEquals(expectation(expected), mapper.map(availability, activity));
    }

    @Test
    void aTableFromEntriesAloneKnowsNothingElse() {
        TeamsIncomingMapper mapper = TeamsIncomingMapper.fromEntries("Busy/InACall=dnd");

        assertEquals(Optional.of(StatusType.DND), mapper.map("Busy", "InACall"));
        assertEquals(Optional.empty(), mapper.map("Available", "Available"));
    }

    @Test
    void mapsATranslatedPresence() {
        GraphPresence presence = new GraphPresence("u1", "Busy", "InAMeeting", "", null, "1");

        assertEquals(Optional.of(StatusType.DND), TeamsIncomingMapper.defaults().map(presence));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Busy/InAMeeting", "Busy/InAMeeting=", "=dnd", "Busy/InAMeeting=busy",
            "Busy/In A Meeting=dnd", "Busy/InAMeeting/x=dnd", "*/*=dnd", "/Busy=dnd"})
    void aBadEntryIsRejectedNamingIt(String entry) {
        TeamsMappingException e = assertThrows(TeamsMappingException.class,
                () -> TeamsIncomingMapper.defaults().overriddenBy("Away=away\n" + entry));

        assertTrue(e.getMessage().contains("'" + entry.trim() + "'"), e.getMessage());
    }

    @Test
    void anUnknownTypeNamesTheAllowedOnes() {
        TeamsMappingException e = assertThrows(TeamsMappingException.class,
                () -> TeamsIncomingMapper.fromEntries("Busy/InAMeeting=busy"));

        assertEquals("Teams incoming mapping entry 'Busy/InAMeeting=busy' maps to 'busy', which is no hub type"
                + " (use one of available, chat, away, xa, dnd, unavailable or none)", e.getMessage());
    }

    private static Optional<StatusType> expectation(String code) {
        return code.equals("none") ? Optional.empty() : Optional.of(StatusType.fromCode(code).orElseThrow());
    }
}
