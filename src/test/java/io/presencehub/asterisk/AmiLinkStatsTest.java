package io.presencehub.asterisk;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencehub.teams.FakeClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AmiLinkStatsTest {

    private final FakeClock clock = FakeClock.frozenAt(Instant.parse("2026-12-06T08:00:00Z"));
    private final AmiLinkStats stats = new AmiLinkStats(clock);

    @Test
    void theRateIsTheLastFullMinutesEventsPerSecond() {
        for (int second = 0; second < 60; second++) {
            for (int i = 0; i < 3; i++) {
                stats.event();
            }
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(stats.eventsPerSecond()).isEqualTo(3.0);

        stats.event(); // the current second does not count until it is over
        assertThat(stats.eventsPerSecond()).isEqualTo(3.0);

        clock.advance(Duration.ofSeconds(30));
        assertThat(stats.eventsPerSecond()).as("30 seconds later the first 30 event seconds have left the window")
                .isEqualTo((30 * 3 + 1) / 60.0);
        clock.advance(Duration.ofSeconds(31));
        assertThat(stats.eventsPerSecond()).isZero();
    }

    @Test
    void aSlotAMinuteOldStartsAgainAtItsNextEvent() {
        stats.event();
        stats.event();
        clock.advance(Duration.ofSeconds(60));
        stats.event();
        clock.advance(Duration.ofSeconds(1));
        assertThat(stats.eventsPerSecond()).isEqualTo(1 / 60.0);
    }

    @Test
    void reconnectsCountTheLoginsAfterTheFirstAndTheLastErrorIsKept() {
        stats.loginAttempt("connecting");
        assertThat(stats.lastError()).isNull();
        stats.loggedIn();
        assertThat(stats.reconnects()).isZero();
        assertThat(stats.loggedInAt()).isEqualTo(clock.instant());

        clock.advance(Duration.ofSeconds(5));
        stats.loginAttempt("AMI connection to 127.0.0.1:5038 lost; reconnecting");
        Instant failedAt = clock.instant();
        clock.advance(Duration.ofSeconds(1));
        stats.loggedIn();

        assertThat(stats.reconnects()).isEqualTo(1);
        assertThat(stats.lastError()).isEqualTo("AMI connection to 127.0.0.1:5038 lost; reconnecting");
        assertThat(stats.lastErrorAt()).isEqualTo(failedAt);
        assertThat(stats.loggedInAt()).isEqualTo(clock.instant());
        stats.loginAttempt("stopped");
        assertThat(stats.lastError()).as("a stop is no error").startsWith("AMI connection");
    }
}
