package io.presencehub.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencehub.teams.FakeClock;
import io.presencehub.web.WebSessions.Session;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Browser sessions: random 256-bit ids, a bound on their number, an end that moves with use. */
class WebSessionsTest {

    private final FakeClock clock = FakeClock.frozenAt(Instant.parse("2026-12-01T08:00:00Z"));
    private final WebSessions sessions = new WebSessions(Duration.ofMinutes(30), 3, clock);

    @Test
    void idsAndTokensAre256RandomBitsAndDiffer() {
        Session one = sessions.open(WebRole.ADMIN);
        Session two = sessions.open(WebRole.ADMIN);
        assertThat(one.id()).hasSize(64).isNotEqualTo(two.id()).isNotEqualTo(one.csrfToken());
        assertThat(one.csrfToken()).hasSize(64).isNotEqualTo(two.csrfToken());
    }

    @Test
    void aSessionEndsAfterTheTimeoutWithoutUseAndUseExtendsIt() {
        Session session = sessions.open(WebRole.VIEWER);
        clock.advance(Duration.ofMinutes(20));
        assertThat(sessions.find(session.id())).contains(session);
        clock.advance(Duration.ofMinutes(20));
        assertThat(sessions.find(session.id())).contains(session);
        clock.advance(Duration.ofMinutes(30));
        assertThat(sessions.find(session.id())).isEmpty();
    }

    @Test
    void beyondTheBoundTheLeastRecentlyUsedSessionEnds() {
        Session first = sessions.open(WebRole.ADMIN);
        Session second = sessions.open(WebRole.ADMIN);
        Session third = sessions.open(WebRole.ADMIN);
        sessions.find(first.id());
        Session fourth = sessions.open(WebRole.ADMIN);
        assertThat(sessions.size()).isEqualTo(3);
        assertThat(sessions.find(second.id())).isEmpty();
        assertThat(sessions.find(first.id())).isPresent();
        assertThat(sessions.find(third.id())).isPresent();
        assertThat(sessions.find(fourth.id())).isPresent();
    }

    @Test
    void logoutEndsTheSession() {
        Session session = sessions.open(WebRole.ADMIN);
        sessions.close(session.id());
        assertThat(sessions.find(session.id())).isEmpty();
        assertThat(sessions.find(null)).isEmpty();
    }
}
