package io.presencehub.teams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.presencehub.store.ObservationFormatException;
import io.presencehub.testing.AwkwardTexts;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The stored text of the e-mail → Graph id cache (kind teams-id), and the rows of releases before it. */
class TeamsIdCodecTest {

    static Stream<String> awkward() {
        return AwkwardTexts.ALL.stream();
    }

    @ParameterizedTest
    @MethodSource("awkward")
    void everyIdRoundTrips(String id) {
        assertThat(TeamsIdCodec.decode(TeamsIdCodec.encode(id))).isEqualTo(id);
    }

    @Test
    void rowsOfEarlierReleasesHoldTheBareId() {
        assertThat(TeamsIdCodec.decode("8f2a4c6e-1b3d-4e5f-9a7b-0c1d2e3f4a5b")).isEqualTo("8f2a4c6e-1b3d-4e5f-9a7b-0c1d2e3f4a5b");
        assertThat(TeamsIdCodec.decode("u-alice")).isEqualTo("u-alice");
    }

    @Test
    void theStoredTextNamesItsField() {
        assertThat(TeamsIdCodec.encode("8f2a4c6e-1b3d")).isEqualTo("v=1&id=8f2a4c6e-1b3d");
    }

    @Test
    void anUpgradeRewritesEarlierRowsInTheCurrentForm() {
        assertThat(TeamsIdCodec.upgrade("8f2a4c6e-1b3d")).isEqualTo("v=1&id=8f2a4c6e-1b3d");
        assertThat(TeamsIdCodec.upgrade("v=1&id=8f2a4c6e-1b3d")).isEqualTo("v=1&id=8f2a4c6e-1b3d");
    }

    @Test
    void damagedTextsOfTheCurrentFormAreRefused() {
        assertThatThrownBy(() -> TeamsIdCodec.decode("v=1")).isInstanceOf(ObservationFormatException.class);
        assertThatThrownBy(() -> TeamsIdCodec.decode("v=1&id=%g")).isInstanceOf(ObservationFormatException.class);
    }
}
