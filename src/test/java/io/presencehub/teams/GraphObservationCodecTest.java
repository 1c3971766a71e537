package io.presencehub.teams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.presencehub.store.ObservationFormatException;
import io.presencehub.testing.AwkwardTexts;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The stored text of what Graph last showed (kind teams-presence), and the rows of releases before it. */
class GraphObservationCodecTest {

    static Stream<String> awkward() {
        return AwkwardTexts.ALL.stream();
    }

    @ParameterizedTest
    @MethodSource("awkward")
    void everyFieldRoundTrips(String text) {
        GraphObservation observed = new GraphObservation("Busy" + text, text, text + "\n" + text, text);

        assertThat(GraphObservationCodec.decode(GraphObservationCodec.encode(observed))).isEqualTo(observed);
    }

    @ParameterizedTest
    @MethodSource("awkward")
    void rowsOfEarlierReleasesReadAsTheyWereWritten(String text) {
        // the first format could not carry U+001F: GraphPresenceTranslator removed control characters before
        String message = text.replace("\u001f", "");
        GraphObservation observed = new GraphObservation("Away", "BeRightBack", message, "12345");

        assertThat(GraphObservationCodec.decode(firstFormat(observed))).isEqualTo(observed);
    }

    @Test
    void rowsOfEarlierReleasesWithFieldsMissingReadAsTheDefaults() {
        assertThat(GraphObservationCodec.decode("Busy")).isEqualTo(new GraphObservation("Busy", null, null, null));
        assertThat(GraphObservationCodec.decode("")).isEqualTo(new GraphObservation("", null, null, null));
    }

    @Test
    void theStoredTextNamesItsFields() {
        assertThat(GraphObservationCodec.encode(new GraphObservation("Busy", "InACall", "Zurück 14:00", "7")))
                .isEqualTo("v=1&availability=Busy&activity=InACall&statusMessage=Zur%C3%BCck+14%3A00&sequenceNumber=7");
    }

    @Test
    void damagedTextsOfTheCurrentFormAreRefused() {
        assertThatThrownBy(() -> GraphObservationCodec.decode("v=1&availability=Busy"))
                .isInstanceOf(ObservationFormatException.class);
        assertThatThrownBy(() -> GraphObservationCodec.decode("v=7&availability=Busy&activity=x&statusMessage=&sequenceNumber="))
                .isInstanceOf(ObservationFormatException.class);
    }

    @Test
    void anUpgradeRewritesEarlierRowsInTheCurrentForm() {
        GraphObservation observed = new GraphObservation("Busy", "InACall", "a&b=c\nd", "7");
        String current = GraphObservationCodec.encode(observed);

        assertThat(GraphObservationCodec.upgrade(firstFormat(observed))).isEqualTo(current);
        assertThat(GraphObservationCodec.upgrade(current)).isSameAs(current);
    }

    /** How releases before the codec wrote a Graph observation. */
    static String firstFormat(GraphObservation observed) {
        return String.join("\u001f", observed.availability(), observed.activity(), observed.statusMessage(),
                observed.sequenceNumber());
    }
}
