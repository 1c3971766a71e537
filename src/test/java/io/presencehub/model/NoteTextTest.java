package io.presencehub.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The one rule for text on a status client's screen: no control characters but tab and line feed. */
class NoteTextTest {

    static Stream<Arguments> texts() {
        return Stream.of(
                // text, index of the first control character, cleaned
                Arguments.of("Back at 3", -1, "Back at 3"),
                Arguments.of("", -1, ""),
                Arguments.of("tab\there", -1, "tab\there"),
                Arguments.of("line 1\nline 2", -1, "line 1\nline 2"),
                Arguments.of("Zürich 日本 😀 \u00A0nbsp", -1, "Zürich 日本 😀 \u00A0nbsp"),
                Arguments.of("\u001b[2J\u001b[31mpwned\u0007", 0, "[2J[31mpwned"),
                Arguments.of("nul\u0000byte", 3, "nulbyte"),
                Arguments.of("del\u007F", 3, "del"),
                Arguments.of("c1 \u0080 \u009B \u009F", 3, "c1   "),
                Arguments.of("vt\u000Bff\u000Cbs\u0008us\u001F", 2, "vtffbsus"),
                Arguments.of("crlf\r\nlone cr\rend", 4, "crlf\nlone cr\nend"),
                Arguments.of("\u00A0 and \u00A1 stay", -1, "\u00A0 and \u00A1 stay"));
    }

    @ParameterizedTest(name = "[{index}] {2}")
    @MethodSource("texts")
    void controlCharactersButTabAndLineFeedAreFoundAndCleanedAway(String text, int firstControl, String cleaned) {
        assertThat(NoteText.indexOfControl(text)).isEqualTo(firstControl);
        assertThat(NoteText.isClean(text)).isEqualTo(firstControl < 0);
        assertThat(NoteText.clean(text)).isEqualTo(cleaned);
        assertThat(NoteText.isClean(NoteText.clean(text))).isTrue();
    }

    @Test
    void everyCharacterOfTheThreeRangesIsAControlCharacterExceptTabAndLineFeed() {
        for (char c = 0; c < 0xA0; c++) {
            boolean control = (c < 0x20 || c >= 0x7F) && c != '\t' && c != '\n';
            assertThat(NoteText.isClean("a" + c)).as("U+%04X", (int) c).isEqualTo(!control);
        }
    }

    @Test
    void aCleanTextIsReturnedAsItIs() {
        String clean = "nothing to do";
        assertThat(NoteText.clean(clean)).isSameAs(clean);
        assertThat(NoteText.clean(null)).isNull();
    }

    @Test
    void aTextLongerThanANoteIsCutNeverBetweenTheHalvesOfASurrogatePair() {
        String exact = "x".repeat(NoteText.MAX_LENGTH);
        assertThat(NoteText.limit(exact)).isSameAs(exact);
        assertThat(NoteText.limit(exact + "y")).isEqualTo(exact);
        String emojiAcrossTheLimit = "x".repeat(NoteText.MAX_LENGTH - 1) + "\uD83D\uDE00";
        assertThat(NoteText.limit(emojiAcrossTheLimit)).isEqualTo("x".repeat(NoteText.MAX_LENGTH - 1));
        assertThat(NoteText.limit(null)).isNull();
    }
}
