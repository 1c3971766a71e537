package io.presencehub.teams;

import io.presencehub.model.StatusType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        assertThat(TeamsSessionMapper.defaults().map(StatusType.fromCode(type).orElseThrow()))
                .isEqualTo(expectation(expected));
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

        assertThat(mapper.map(StatusType.fromCode(type).orElseThrow())).isEqualTo(expectation(expected));
    }

    @Test
    void everyTypeHasAnAnswer() {
        TeamsSessionMapper mapper = TeamsSessionMapper.fromEntries("");
        for (StatusType type : StatusType.values()) {
            assertThat(mapper.map(type)).as(type.code()).isNotNull();
        }
    }

    @Test
    void aPairGraphRejectsIsRefusedNamingTheEntryAndTheFiveAllowedPairs() {
        assertThatThrownBy(() -> TeamsSessionMapper.fromEntries("dnd=DoNotDisturb/DoNotDisturb"))
                .isInstanceOf(TeamsMappingException.class)
                .hasMessage("Teams session mapping entry 'dnd=DoNotDisturb/DoNotDisturb' asks for a pair Graph rejects;"
                        + " setPresence accepts only Available/Available, Busy/InACall, Busy/InAConferenceCall,"
                        + " Away/Away, DoNotDisturb/Presenting (or none to clear the session)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dnd=Busy/Busy", "away=BeRightBack/BeRightBack", "busy=Busy/InACall", "dnd",
            "dnd=", "available=Offline/OffWork"})
    void badEntriesAreRejectedNamingThem(String entry) {
        assertThatThrownBy(() -> TeamsSessionMapper.fromEntries(entry))
                .isInstanceOf(TeamsMappingException.class).hasMessageContaining("'" + entry + "'");
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
        assertThat(SessionPair.fromText(text))
                .isEqualTo(expected.equals("none") ? Optional.empty() : Optional.of(SessionPair.valueOf(expected)));
    }

    private static Optional<SessionPair> expectation(String name) {
        return name.equals("none") ? Optional.empty() : Optional.of(SessionPair.valueOf(name));
    }
}
