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

class TeamsSessionMapperTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "dnd,         BUSY_IN_A_CALL",
            "unavailable, BUSY_IN_A_CALL",
            "away,        AWAY",
            "xa,          AWAY",
            "available,   none",
            "chat,        none",
    })
    void defaultsFollowTheSeed(String type, String expected) {
        assertEquals(expectation(expected), TeamsSessionMapper.defaults().map(StatusType.fromCode(type).orElseThrow()));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "dnd,         DO_NOT_DISTURB_PRESENTING",
            "unavailable, BUSY_IN_A_CONFERENCE_CALL",
            "away,        none",
            "xa,          AWAY",
            "available,   AVAILABLE",
            "chat,        none",
    })
    void entriesReplaceOnlyTheirTypesAndIgnoreCase(String type, String expected) {
        TeamsSessionMapper mapper = TeamsSessionMapper.fromEntries(
                "DND=donotdisturb/presenting, unavailable=Busy/InAConferenceCall\naway=NONE; available=Available/Available");

        assertEquals(expectation(expected), mapper.map(StatusType.fromCode(type).orElseThrow()));
    }

    @Test
    void everyTypeHasAnAnswer() {
        TeamsSessionMapper mapper = TeamsSessionMapper.fromEntries("");
        for (StatusType type : StatusType.values()) {
            assertTrue(mapper.map(type) != null, type.code());
        }
    }

    @Test
    void aPairGraphRejectsIsRefusedNamingTheEntryAndTheFiveAllowedPairs() {
        TeamsMappingException e = assertThrows(TeamsMappingException.class,
                () -> TeamsSessionMapper.fromEntries("dnd=DoNotDisturb/DoNotDisturb"));

        assertEquals("Teams session mapping entry 'dnd=DoNotDisturb/DoNotDisturb' asks for a pair Graph rejects;"
                + " setPresence accepts only Available/Available, Busy/InACall, Busy/InAConferenceCall, Away/Away,"
                + " DoNotDisturb/Presenting (or none to clear the session)", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dnd=Busy/Busy", "away=BeRightBack/BeRightBack", "busy=Busy/InACall", "dnd",
            "dnd=", "available=Offline/OffWork"})
    void badEntriesAreRejectedNamingThem(String entry) {
        TeamsMappingException e = assertThrows(TeamsMappingException.class,
                () -> TeamsSessionMapper.fromEntries(entry));

        assertTrue(e.getMessage().contains("'" + entry + "'"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "Available/Available,       AVAILABLE",
            "busy/inacall,              BUSY_IN_A_CALL",
            "Busy / InAConferenceCall,  BUSY_IN_A_CONFERENCE_CALL",
            "AWAY/AWAY,                 AWAY",
            "DoNotDisturb/Presenting,   DO_NOT_DISTURB_PRESENTING",
            "Busy/InAMeeting,           none",
    })
    void sessionPairsParseCaseInsensitively(String text, String expected) {
        assertEquals(expected.equals("none") ? Optional.empty() : Optional.of(SessionPair.valueOf(expected)),
                SessionPair.fromText(text));
    }

    private static Optional<SessionPair> expectation(String name) {
        return name.equals("none") ? Optional.empty() : Optional.of(SessionPair.valueOf(name));
    }
}
