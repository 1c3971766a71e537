package io.presencehub.teams;

import static io.presencehub.testing.TestDirectories.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The bookkeeping of the hub's own status message writes: kept while a read may show them, forgotten after. */
class TeamsMessageEchoesTest {

    private static final Instant SENT = Instant.parse("2026-03-02T08:00:00Z");
    private static final Instant ANSWERED = SENT.plusMillis(300);

    private final TeamsMessageEchoes echoes = new TeamsMessageEchoes();

    @Test
    void aWriteInFlightIsKeptAndMarkedWhenAnswered() {
        echoes.sent(ALICE, "B", "A", SENT);
        assertThat(echoes.of(ALICE)).containsExactly(new TeamsMessageEcho("B", "A", SENT, null));

        echoes.settle(ALICE, SENT.plusSeconds(5));
        assertThat(echoes.of(ALICE)).as("in flight: no read settles it").hasSize(1);

        echoes.answered(ALICE, ANSWERED, true);
        assertThat(echoes.of(ALICE)).containsExactly(new TeamsMessageEcho("B", "A", SENT, ANSWERED));
    }

    @Test
    void aReadSentAfterTheAnswerSettlesTheWriteAndAnEarlierOneDoesNot() {
        echoes.sent(ALICE, "B", "A", SENT);
        echoes.answered(ALICE, ANSWERED, true);

        echoes.settle(ALICE, ANSWERED.minusMillis(1));
        assertThat(echoes.of(ALICE)).hasSize(1);
        echoes.settle(ALICE, ANSWERED.plusMillis(1));
        assertThat(echoes.of(ALICE)).isEmpty();
    }

    @Test
    void aRefusedWriteChangedNothingAndIsForgottenAtOnce() {
        echoes.sent(ALICE, "B", "A", SENT);
        echoes.answered(ALICE, ANSWERED, true);
        echoes.sent(ALICE, "C", "B", ANSWERED.plusSeconds(1));

        echoes.answered(ALICE, ANSWERED.plusSeconds(2), false);

        assertThat(echoes.of(ALICE)).containsExactly(new TeamsMessageEcho("B", "A", SENT, ANSWERED));
    }

    @Test
    void atMostSixteenUnsettledWritesAreKeptPerUser() {
        for (int i = 0; i < 20; i++) {
            echoes.sent(ALICE, "m" + i, null, SENT.plusSeconds(i));
            echoes.answered(ALICE, SENT.plusSeconds(i), true);
        }
        assertThat(echoes.of(ALICE)).hasSize(16).first().extracting(TeamsMessageEcho::text).isEqualTo("m4");
    }
}
