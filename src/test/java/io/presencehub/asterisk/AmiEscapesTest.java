package io.presencehub.asterisk;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class AmiEscapesTest {

    static Stream<Arguments> escapedAndPlain() {
        return Stream.of(
                Arguments.of("", ""),
                Arguments.of(null, ""),
                Arguments.of("Making batarangs", "Making batarangs"),
                Arguments.of("Line one\\nLine two", "Line one\nLine two"),
                Arguments.of("a\\r\\nb", "a\r\nb"),
                Arguments.of("tab\\there", "tab\there"),
                Arguments.of("back\\\\slash", "back\\slash"),
                Arguments.of("Don\\'t panic\\?", "Don't panic?"),
                Arguments.of("It\\'s \\\"quoted\\\"", "It's \"quoted\""),
                Arguments.of("\\a\\b\\f\\v", "\u0007\b\f\u000B"),
                Arguments.of("Grüße ☕ 日本 😀", "Grüße ☕ 日本 😀"),
                // a literal backslash followed by n arrives as \\n and must not become a newline
                Arguments.of("C:\\\\new", "C:\\new"),
                Arguments.of("\\\\\\n", "\\\n"),
                // sequences Asterisk never produces are kept as they are
                Arguments.of("odd \\x escape", "odd \\x escape"),
                Arguments.of("trailing \\", "trailing \\"));
    }

    @ParameterizedTest
    @MethodSource("escapedAndPlain")
    void unescapeUndoesAsteriskCEscaping(String escaped, String plain) {
        assertThat(AmiEscapes.unescape(escaped)).isEqualTo(plain);
    }

    @ParameterizedTest
    @MethodSource("escapedAndPlain")
    void unescapeInvertsTheFakeServersEscaping(String ignored, String plain) {
        String wire = FakeAsterisk.escapeC(AmiWire.fromUtf8(plain == null ? "" : plain));
        assertThat(AmiEscapes.unescape(AmiWire.toUtf8(wire))).isEqualTo(plain == null ? "" : plain);
    }
}
