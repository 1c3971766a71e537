package io.presencehub.teams.signin;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencehub.teams.FakeClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A sign-in state is random, valid once and for 10 minutes on the hub's clock, and their number is bounded. */
class SignInStatesTest {

    private final FakeClock clock = FakeClock.frozenAt(Instant.parse("2026-03-02T08:00:00Z"));
    private final SignInStates states = new SignInStates(clock, 5);

    @Test
    void aStateGivesItsVerifierBackOnce() {
        Pkce pkce = Pkce.create();
        String state = states.start(pkce);

        assertThat(states.take(state)).contains(pkce);
        assertThat(states.take(state)).isEmpty();
    }

    @Test
    void unknownAndMissingStatesAreRefused() {
        states.start(Pkce.create());

        assertThat(states.take("not-a-state")).isEmpty();
        assertThat(states.take("")).isEmpty();
        assertThat(states.take(null)).isEmpty();
    }

    @Test
    void aStateIsValidForTenMinutes() {
        String early = states.start(Pkce.create());
        String late = states.start(Pkce.create());

        clock.advance(Duration.ofMinutes(10).minusMillis(1));
        assertThat(states.take(early)).isPresent();

        clock.advance(Duration.ofMillis(1));
        assertThat(states.take(late)).isEmpty();
    }

    @Test
    void statesAreRandomAndLongEnoughNotToBeGuessed() {
        String first = states.start(Pkce.create());
        String second = states.start(Pkce.create());

        assertThat(first).isNotEqualTo(second).hasSize(43).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void manyStartsKeepOnlyTheNewestUpToTheCapacity() {
        String oldest = states.start(Pkce.create());
        String newest = null;
        for (int i = 0; i < 1_000; i++) {
            newest = states.start(Pkce.create());
        }

        assertThat(states.size()).isEqualTo(5);
        assertThat(states.take(oldest)).isEmpty();
        assertThat(states.take(newest)).isPresent();
    }

    @Test
    void expiredStatesDoNotCount() {
        for (int i = 0; i < 5; i++) {
            states.start(Pkce.create());
        }
        clock.advance(SignInStates.VALIDITY);

        assertThat(states.size()).isZero();
    }
}
