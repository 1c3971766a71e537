package io.presencehub.asterisk;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Echo recognition: in write order, consumed once, older writes overtaken, cancel forgets. */
class AsteriskEchoesTest {

    private static final String P = "CustomPresence:1001";
    private final AsteriskEchoes echoes = new AsteriskEchoes();

    private static AsteriskPresence value(String state, String message) {
        return new AsteriskPresence(P, state, "", message);
    }

    @Test
    void anEchoIsRecognisedOnce() {
        echoes.expect(value("away", "x"));
        assertThat(echoes.awaitsEcho(P)).isTrue();
        assertThat(echoes.isEcho(value("away", "x"))).isTrue();
        assertThat(echoes.awaitsEcho(P)).isFalse();
        assertThat(echoes.isEcho(value("away", "x"))).as("the same value again is a phone's change").isFalse();
    }

    @Test
    void aLaterEchoConsumesOlderUnansweredWrites() {
        echoes.expect(value("away", "1"));
        echoes.expect(value("dnd", "2"));
        assertThat(echoes.isEcho(value("dnd", "2"))).isTrue();
        assertThat(echoes.isEcho(value("away", "1"))).isFalse();
    }

    @Test
    void aDifferentValueIsNotAnEchoAndKeepsTheWriteOutstanding() {
        echoes.expect(value("away", "1"));
        assertThat(echoes.isEcho(value("dnd", "phone"))).isFalse();
        assertThat(echoes.awaitsEcho(P)).isTrue();
        assertThat(echoes.isEcho(new AsteriskPresence("CustomPresence:1002", "away", "", "1"))).isFalse();
    }

    @Test
    void aWriteCountsAsReportedOnceItsEchoCameAndUntilTheNextWrite() {
        echoes.expect(value("away", "1"));
        assertThat(echoes.wasReported(value("away", "1"))).isFalse();
        assertThat(echoes.isEcho(value("away", "1"))).isTrue();
        assertThat(echoes.wasReported(value("away", "1"))).isTrue();
        echoes.expect(value("away", "1"));
        assertThat(echoes.wasReported(value("away", "1"))).as("the same value written again, not reported yet")
                .isFalse();
    }

    @Test
    void aCancelledWriteIsForgotten() {
        echoes.expect(value("away", "1"));
        echoes.cancel(value("away", "1"));
        assertThat(echoes.awaitsEcho(P)).isFalse();
    }
}
