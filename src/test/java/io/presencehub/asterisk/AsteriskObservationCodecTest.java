package io.presencehub.asterisk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.presencehub.store.Observation;
import io.presencehub.store.ObservationFormatException;
import io.presencehub.testing.AwkwardTexts;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The stored text of the Asterisk observation kinds, and the rows of releases before it. */
class AsteriskObservationCodecTest {

    private static final Instant AT = Instant.parse("2026-03-02T08:15:30.123Z");

    static Stream<String> awkward() {
        return AwkwardTexts.ALL.stream();
    }

    @ParameterizedTest
    @MethodSource("awkward")
    void everySubtypeAndMessageRoundTrips(String text) {
        AsteriskObservation observed = new AsteriskObservation("CustomPresence:1001", "dnd", text, text + "!", AT);

        assertThat(AsteriskObservationCodec.decode("CustomPresence:1001", AsteriskObservationCodec.encode(observed), AT))
                .contains(observed);
    }

    @ParameterizedTest
    @MethodSource("awkward")
    void aStateWithSeparatorsRoundTripsToo(String text) {
        AsteriskObservation observed = new AsteriskObservation("CustomPresence:1001", "x" + text, "", "", AT);

        assertThat(AsteriskObservationCodec.decode("CustomPresence:1001", AsteriskObservationCodec.encode(observed), AT))
                .contains(observed);
    }

    @ParameterizedTest
    @MethodSource("awkward")
    void rowsOfEarlierReleasesReadAsTheyWereWritten(String text) {
        AsteriskObservation observed = new AsteriskObservation("CustomPresence:1001", "away", text, "m " + text, AT);

        assertThat(AsteriskObservationCodec.decode("CustomPresence:1001", firstFormat(observed), AT))
                .contains(observed);
    }

    @Test
    void theStoredTextNamesItsFields() {
        AsteriskObservation observed = new AsteriskObservation("CustomPresence:1001", "dnd", "Lunch", "back at 2\nä", AT);

        assertThat(AsteriskObservationCodec.encode(observed))
                .isEqualTo("v=1&state=dnd&subtype=Lunch&message=back+at+2%0A%C3%A4");
        assertThat(observed.toStored(AsteriskObservation.KIND_WRITTEN)).isEqualTo(new Observation("asterisk-written",
                "CustomPresence:1001", "v=1&state=dnd&subtype=Lunch&message=back+at+2%0A%C3%A4", AT));
    }

    @Test
    void aWithdrawnPendingWriteIsNoValue() {
        assertThat(AsteriskObservationCodec.decode("CustomPresence:1001", AsteriskObservationCodec.NO_VALUE, AT)).isEmpty();
        assertThat(AsteriskObservation.fromStored(new Observation(AsteriskObservation.KIND_PENDING, "CustomPresence:1001",
                AsteriskObservationCodec.NO_VALUE, AT))).isNull();
    }

    @Test
    void unreadableTextsAreRefusedAndReadAsNothing() {
        for (String damaged : new String[] {"dnd", "dnd,a,b,c", ",,", "dnd,%%%,", "v=1&state=dnd", "v=1&state=&subtype=&message=",
            "v=9&state=dnd&subtype=&message="}) {
            assertThatThrownBy(() -> AsteriskObservationCodec.decode("CustomPresence:1001", damaged, AT))
                    .as(damaged).isInstanceOf(ObservationFormatException.class);
            assertThat(AsteriskObservation.fromStored(new Observation("asterisk", "CustomPresence:1001", damaged, AT)))
                    .as(damaged).isNull();
        }
    }

    @Test
    void anUpgradeRewritesEarlierRowsInTheCurrentFormAndLeavesTheRestAlone() {
        AsteriskObservation observed = new AsteriskObservation("CustomPresence:1001", "dnd", "a,b", "c\nd", AT);
        String current = AsteriskObservationCodec.encode(observed);

        assertThat(AsteriskObservationCodec.upgrade(firstFormat(observed))).isEqualTo(current);
        assertThat(AsteriskObservationCodec.upgrade(current)).isSameAs(current);
        assertThat(AsteriskObservationCodec.upgrade(AsteriskObservationCodec.NO_VALUE)).isEqualTo(AsteriskObservationCodec.NO_VALUE);
        assertThat(AsteriskObservationCodec.upgrade("dnd,%%%,")).isEqualTo("dnd,%%%,");
    }

    /** How releases before the codec wrote an Asterisk observation. */
    static String firstFormat(AsteriskObservation observed) {
        return observed.state() + "," + b64(observed.subtype()) + "," + b64(observed.message());
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
