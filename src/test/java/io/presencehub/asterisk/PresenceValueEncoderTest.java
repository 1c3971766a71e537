package io.presencehub.asterisk;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PresenceValueEncoderTest {
    private static final String P = "CustomPresence:1001";

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    static Stream<Arguments> writesAndTheirSetvarValue() {
        return Stream.of(
                Arguments.of("away", "In the batcave", "Making batarangs",
                        "away," + b64("In the batcave") + "," + b64("Making batarangs") + ",e"),
                Arguments.of("dnd", "", "", "dnd,,,e"),
                Arguments.of("not_set", null, null, "not_set,,,e"),
                Arguments.of("AWAY", "x", "y", "away," + b64("x") + "," + b64("y") + ",e"),
                // the recorded Asterisk value for "Gotham, City": base64 protects the comma
                Arguments.of("away", "Gotham, City", "", "away,R290aGFtLCBDaXR5,,e"),
                Arguments.of("xa", "On vacation", "", "xa,T24gdmFjYXRpb24=,,e"),
                Arguments.of("available", "Café", "Grüße ☕", "available," + b64("Café") + "," + b64("Grüße ☕") + ",e"));
    }

    @ParameterizedTest
    @MethodSource("writesAndTheirSetvarValue")
    void encodesStateAndBase64FieldsWithTheEOption(String state, String subtype, String message, String value) {
        EncodedPresence encoded = PresenceValueEncoder.encode(P, state, subtype, message);
        assertThat(encoded.value()).isEqualTo(value);
        assertThat(encoded.variable()).isEqualTo("PRESENCE_STATE(CustomPresence:1001)");
    }

    static Stream<Arguments> textAndEffectiveText() {
        String a255 = "a".repeat(255);
        return Stream.of(
                Arguments.of("plain", "plain"),
                Arguments.of("comma, and \"quotes\" and 'apostrophes' and back\\slash?", "comma, and \"quotes\" and 'apostrophes' and back\\slash?"),
                Arguments.of("one\ntwo", "one two"),
                Arguments.of("one\r\ntwo", "one two"),
                Arguments.of("one\rtwo", "one two"),
                Arguments.of("one\n\ntwo", "one  two"),
                Arguments.of("tab\tinside", "tab\tinside"),
                Arguments.of("  padded  ", "padded"),
                Arguments.of("trailing newline\n", "trailing newline"),
                Arguments.of("ä 日本 😀", "ä 日本 😀"),
                Arguments.of(a255, a255),
                Arguments.of(a255 + "b", a255),
                // 254 ASCII + a 2-byte 'ä' would be 256 bytes: the 'ä' goes entirely
                Arguments.of("a".repeat(254) + "ä", "a".repeat(254)),
                Arguments.of("a".repeat(253) + "ä", "a".repeat(253) + "ä"),
                // 3-byte 日 and a 4-byte emoji (a surrogate pair) are never split
                Arguments.of("a".repeat(253) + "日", "a".repeat(253)),
                Arguments.of("a".repeat(252) + "日", "a".repeat(252) + "日"),
                Arguments.of("a".repeat(252) + "😀", "a".repeat(252)),
                Arguments.of("a".repeat(251) + "😀", "a".repeat(251) + "😀"),
                // a cut that ends in a space loses it, as asterisk-java trims header values
                Arguments.of("a".repeat(254) + " bc", "a".repeat(254)),
                Arguments.of("lone \uD800 surrogate", "lone ? surrogate"),
                Arguments.of(null, ""));
    }

    @ParameterizedTest
    @MethodSource("textAndEffectiveText")
    void effectiveTextIsSingleLineAtMost255Utf8BytesOnACharacterBoundary(String text, String effective) {
        assertThat(PresenceValueEncoder.effective(text)).isEqualTo(effective);
        assertThat(effective.getBytes(StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(255);
        EncodedPresence encoded = PresenceValueEncoder.encode(P, "away", text, text);
        assertThat(encoded.effectiveSubtype()).isEqualTo(effective);
        assertThat(encoded.effectiveMessage()).isEqualTo(effective);
        String[] parts = encoded.value().split(",", -1);
        assertThat(parts).as("base64 never contains a comma").hasSize(4);
        assertThat(new String(Base64.getDecoder().decode(parts[1]), StandardCharsets.UTF_8)).isEqualTo(effective);
        assertThat(new String(Base64.getDecoder().decode(parts[2]), StandardCharsets.UTF_8)).isEqualTo(effective);
    }

    @Test
    void expectedEchoCarriesTheEffectiveValues() {
        EncodedPresence encoded = PresenceValueEncoder.encode(P, "away", "Lunch\n", " back at 2 ");
        assertThat(encoded.expectedEcho()).isEqualTo(new AsteriskPresence(P, "away", "Lunch", "back at 2"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"busy", "", "away ", " away", "offline", "not set", "AVAILABLE,x"})
    void rejectsStatesAsteriskWouldNotSet(String state) {
        assertThatThrownBy(() -> PresenceValueEncoder.encode(P, state, "", ""))
                .isInstanceOf(InvalidPresenceException.class)
                .hasMessageContaining("available, chat, away, xa, dnd, unavailable, not_set");
    }

    @Test
    void rejectsNullState() {
        assertThatThrownBy(() -> PresenceValueEncoder.encode(P, null, "", ""))
                .isInstanceOf(InvalidPresenceException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"CustomPresence:", "Foo:1001", "1001", "custompresence:1001", "SIP/1001",
            "CustomPresence:10 01", "CustomPresence:1001,x", "CustomPresence:a(b)", "CustomPresence:a)",
            "CustomPresence:1001&CustomPresence:1002", "CustomPresence:tab\there"})
    void rejectsPresentitiesAsteriskCannotTake(String presentity) {
        assertThatThrownBy(() -> PresenceValueEncoder.encode(presentity, "away", "", ""))
                .isInstanceOf(InvalidPresenceException.class).hasMessageContaining("Presentity");
    }

    @Test
    void rejectsNullPresentity() {
        assertThatThrownBy(() -> PresenceValueEncoder.encode(null, "away", "", ""))
                .isInstanceOf(InvalidPresenceException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"CustomPresence:1001", "CustomPresence:Batman", "CustomPresence:user.name-1_x@dom"})
    void acceptsPlainPresentityNames(String presentity) {
        assertThat(PresenceValueEncoder.encode(presentity, "available", "", "").variable())
                .isEqualTo("PRESENCE_STATE(" + presentity + ")");
    }
}
