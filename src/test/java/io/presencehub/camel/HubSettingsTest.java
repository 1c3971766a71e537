package io.presencehub.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every duration setting accepts the same forms: plain milliseconds, a number with units, ISO-8601. */
class HubSettingsTest {

    private static HubSettings with(String value) {
        return new HubSettings(key -> Optional.of(value));
    }

    @ParameterizedTest
    @CsvSource({
        "2000, 2000", "0, 0", "500ms, 500", "10s, 10000", "5m, 300000", "1h, 3600000", "1m30s, 90000",
        "1h30m, 5400000", "PT4H, 14400000", "PT0.5S, 500", "pt10s, 10000", "' 10s ', 10000"})
    void aDurationAcceptsMillisecondsUnitsAndIso(String text, long millis) {
        assertThat(with(text).duration("hub.x")).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ten seconds", "10 s", "10x", "s", "-5", "PT-1S", "10s5", "1.5s"})
    void anythingElseIsRejectedNamingTheSettingAndTheForms(String text) {
        assertThatThrownBy(() -> with(text).duration("hub.teams.poll-interval"))
                .hasMessageContaining("hub.teams.poll-interval")
                .hasMessageContaining("500ms, 10s, PT4H or plain milliseconds");
    }

    @Test
    void aMissingDurationNamesTheSetting() {
        assertThatThrownBy(() -> new HubSettings(key -> Optional.empty()).duration("hub.status.event-batch-window"))
                .hasMessageContaining("hub.status.event-batch-window");
    }
}
