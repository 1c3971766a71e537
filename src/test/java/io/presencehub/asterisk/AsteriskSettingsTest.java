package io.presencehub.asterisk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.presencehub.model.StatusType;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Parsing of the hub.asterisk.* settings: packaged defaults, mappings, durations, and errors that name the bad key. */
class AsteriskSettingsTest {

    private static AsteriskSettings parse(Map<String, String> values) {
        return AsteriskTestSettings.with(values);
    }

    @Test
    void packagedDefaultsAreSyncOnDefaultExtensionBothWaysIdentityMappingAndNotSetUnmapped() {
        AsteriskSettings settings = parse(Map.of());
        assertThat(settings.address()).isEqualTo("127.0.0.1:5038");
        assertThat(settings.username()).isEqualTo("presence-hub");
        assertThat(settings.pingInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.readTimeout()).isEqualTo(Duration.ofSeconds(25));
        assertThat(settings.reconnectMin()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.reconnectMax()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.authRetry()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.syncEnabled()).isTrue();
        assertThat(settings.incoming()).isEqualTo(IncomingMethod.DEFAULT_EXTENSION);
        assertThat(settings.outgoing()).isEqualTo(OutgoingMethod.DEFAULT_EXTENSION);
        assertThat(settings.priority()).containsExactly(StatusType.DND, StatusType.UNAVAILABLE, StatusType.XA,
                StatusType.AWAY, StatusType.CHAT, StatusType.AVAILABLE);
        for (StatusType type : StatusType.values()) {
            assertThat(settings.mapper().toAsterisk(type)).contains(type.code());
            assertThat(settings.mapper().toHub(type.code())).contains(type);
        }
        assertThat(settings.mapper().toHub("not_set")).isEmpty();
    }

    @Test
    void mappingsCanBeChangedOrSwitchedOffWithNone() {
        AsteriskSettings settings = parse(Map.of(
                "hub.asterisk.outgoing-map.unavailable", "dnd",
                "hub.asterisk.outgoing-map.chat", "none",
                "hub.asterisk.incoming-map.xa", "away",
                "hub.asterisk.incoming-map.chat", "NONE",
                "hub.asterisk.incoming-map.not_set", "available"));
        assertThat(settings.mapper().toAsterisk(StatusType.UNAVAILABLE)).contains("dnd");
        assertThat(settings.mapper().toAsterisk(StatusType.CHAT)).isEmpty();
        assertThat(settings.mapper().toHub("xa")).contains(StatusType.AWAY);
        assertThat(settings.mapper().toHub("chat")).isEmpty();
        assertThat(settings.mapper().toHub("not_set")).contains(StatusType.AVAILABLE);
        assertThat(settings.mapper().toHub("DND")).contains(StatusType.DND);
    }

    @Test
    void anEmptyMappingValueSwitchesTheMappingOffLikeNone() {
        AsteriskSettings settings = parse(Map.of(
                "hub.asterisk.outgoing-map.away", "",
                "hub.asterisk.incoming-map.dnd", "  "));
        assertThat(settings.mapper().toAsterisk(StatusType.AWAY)).isEmpty();
        assertThat(settings.mapper().toHub("dnd")).isEmpty();
        assertThat(settings.mapper().toAsterisk(StatusType.DND)).contains("dnd");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"2000, 2000", "500ms, 500", "10s, 10000", "PT4H, 14400000", "1m30s, 90000"})
    void durationsTakeEveryFormTheHubAccepts(String value, long millis) {
        AsteriskSettings settings = parse(Map.of("hub.asterisk.reconnect-min", value,
                "hub.asterisk.reconnect-max", "PT5H", "hub.asterisk.read-timeout", value, "hub.asterisk.ping-interval", "1ms"));
        assertThat(settings.reconnectMin()).isEqualTo(Duration.ofMillis(millis));
        assertThat(settings.readTimeout()).isEqualTo(Duration.ofMillis(millis));
    }

    @Test
    void theSecretIsNeverShown() {
        assertThat(parse(Map.of("hub.asterisk.secret", "s3cr3t")).toString()).doesNotContain("s3cr3t").contains("****");
    }

    @Test
    void priorityIsACommaListHighestFirstAndUnlistedTypesRankLast() {
        AsteriskSettings settings = parse(Map.of("hub.asterisk.status-type-priority", " available ,dnd"));
        assertThat(settings.priority()).containsExactly(StatusType.AVAILABLE, StatusType.DND);
        assertThat(settings.rank(StatusType.AVAILABLE)).isLessThan(settings.rank(StatusType.DND));
        assertThat(settings.rank(StatusType.AWAY)).isEqualTo(settings.rank(StatusType.XA)).isEqualTo(2);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "hub.asterisk.outgoing-map.busy|names no hub status type",
        "hub.asterisk.outgoing-map.DND|names no hub status type",
        "hub.asterisk.incoming-map.notset|names no Asterisk presence state",
    })
    void mappingKeysThatNameNothingAreRejected(String key, String message) {
        assertThatThrownBy(() -> AsteriskStateMapper.checkKeys(java.util.List.of("hub.asterisk.outgoing-map.dnd", key)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("setting " + key)
                .hasMessageContaining(message);
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "hub.asterisk.incoming-method|newest|must be one of default-extension, latest, priority",
        "hub.asterisk.outgoing-method|some|must be one of default-extension, all",
        "hub.asterisk.sync-enabled|yes|must be true or false",
        "hub.asterisk.status-type-priority|dnd,busy|lists 'busy', which is not a hub status type",
        "hub.asterisk.status-type-priority|dnd,away,dnd|lists 'dnd' twice",
        "hub.asterisk.outgoing-map.dnd|busy|must be an Asterisk presence state",
        "hub.asterisk.incoming-map.away|lunch|must be a hub status type",
        "hub.asterisk.incoming-method|''|must be one of default-extension, latest, priority",
        "hub.asterisk.read-timeout|5000|must be longer than hub.asterisk.ping-interval",
        "hub.asterisk.reconnect-min|1 minute|must be a duration",
    })
    void badValuesAreRejectedNamingTheKey(String key, String value, String message) {
        assertThatThrownBy(() -> parse(Map.of(key, value)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("setting " + key)
                .hasMessageContaining(message);
    }
}
