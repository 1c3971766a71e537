package io.presencehub.teams;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencehub.model.StatusType;
import io.presencehub.teams.TeamsIncomingResolver.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Edge-triggered incoming decisions: stale, baseline, unchanged, echo, unmapped, change. */
class TeamsIncomingResolverTest {

    private static final Instant WRITTEN = Instant.parse("2026-03-02T08:00:00Z");
    private static final Instant AFTER = WRITTEN.plusSeconds(1);
    private static final Instant BEFORE = WRITTEN.minusSeconds(1);

    private final TeamsIncomingResolver resolver = new TeamsIncomingResolver(TeamsIncomingMapper.defaults());

    private static GraphObservation seen(String availability, String activity, String sequence) {
        return new GraphObservation(availability, activity, "", sequence);
    }

    @Test
    void firstReadWithoutStoredObservationIsABaseline() {
        var decision = resolver.resolve(null, seen("Busy", "InAMeeting", "5"), List.of(), AFTER, AFTER);
        assertThat(decision.verdict()).isEqualTo(Verdict.BASELINE);
        assertThat(decision.type()).isEmpty();
    }

    @Test
    void storedObservationThatDiffersMakesTheFirstReadAChange() {
        var decision = resolver.resolve(seen("Available", "Available", "4"), seen("Busy", "InAMeeting", "5"),
                List.of(), AFTER, AFTER);
        assertThat(decision.verdict()).isEqualTo(Verdict.CHANGE);
        assertThat(decision.type()).contains(StatusType.DND);
    }

    @Test
    void olderSequenceNumberIsStale() {
        var decision = resolver.resolve(seen("Busy", "InACall", "00009"), seen("Available", "Available", "00008"),
                List.of(), AFTER, AFTER);
        assertThat(decision.verdict()).isEqualTo(Verdict.STALE);
    }

    @Test
    void sameValuesInAnotherCaseAreUnchanged() {
        var decision = resolver.resolve(seen("DoNotDisturb", "Presenting", "1"), seen("donotdisturb", "presenting",
                "2"), List.of(), AFTER, AFTER);
        assertThat(decision.verdict()).isEqualTo(Verdict.UNCHANGED);
    }

    @Test
    void thePairTheHubSetIsAnEchoOnceReadAfterTheWrite() {
        TeamsEcho echo = new TeamsEcho(Optional.of(SessionPair.BUSY_IN_A_CALL), WRITTEN);
        var decision = resolver.resolve(seen("Available", "Available", "1"), seen("Busy", "InACall", "2"),
                List.of(echo), AFTER, AFTER);
        assertThat(decision.verdict()).isEqualTo(Verdict.ECHO);
        assertThat(decision.echoConsumed()).isTrue();
    }

    @Test
    void aReadSentBeforeTheWriteCannotBeItsEcho() {
        TeamsEcho echo = new TeamsEcho(Optional.of(SessionPair.BUSY_IN_A_CALL), WRITTEN);
        var decision = resolver.resolve(seen("Available", "Available", "1"), seen("Busy", "InACall", "2"),
                List.of(echo), BEFORE, BEFORE);
        assertThat(decision.verdict()).isEqualTo(Verdict.CHANGE);
        assertThat(decision.echoConsumed()).isFalse();
    }

    @Test
    void afterAClearWhateverTheUsersOwnStateIsShowsAsEcho() {
        TeamsEcho echo = new TeamsEcho(Optional.empty(), WRITTEN);
        var decision = resolver.resolve(seen("Busy", "InACall", "1"), seen("Away", "Away", "2"), List.of(echo), AFTER, AFTER);
        assertThat(decision.verdict()).isEqualTo(Verdict.ECHO);
    }

    @Test
    void anotherPairThanTheOneSetIsARealChange() {
        TeamsEcho echo = new TeamsEcho(Optional.of(SessionPair.AWAY), WRITTEN);
        var decision = resolver.resolve(seen("Available", "Available", "1"), seen("Busy", "InAMeeting", "2"),
                List.of(echo), AFTER, AFTER);
        assertThat(decision.verdict()).isEqualTo(Verdict.CHANGE);
        assertThat(decision.echoConsumed()).isTrue();
    }

    @Test
    void anUnchangedReadAfterTheWriteSettlesTheEcho() {
        TeamsEcho echo = new TeamsEcho(Optional.of(SessionPair.AWAY), WRITTEN);
        var decision = resolver.resolve(seen("Available", "Available", "1"), seen("Available", "Available", "1"),
                List.of(echo), AFTER, AFTER);
        assertThat(decision.verdict()).isEqualTo(Verdict.UNCHANGED);
        assertThat(decision.echoConsumed()).isTrue();
    }

    @Test
    void aReadSentWhileTheWriteIsInFlightMayShowItsResultButDoesNotSettleIt() {
        TeamsEcho inFlight = new TeamsEcho(Optional.empty(), WRITTEN, null);
        // the clear reached Graph before the read: the user's own meeting shows, which the hub caused
        var decision = resolver.resolve(seen("Busy", "InACall", "1"), seen("Busy", "InAMeeting", "2"),
                List.of(inFlight), AFTER, AFTER);
        assertThat(decision.verdict()).isEqualTo(Verdict.ECHO);
        assertThat(decision.echoConsumed()).isFalse();
        assertThat(decision.type()).isEmpty();
    }

    @Test
    void theResultOfAnEarlierWriteIsStillAnEchoWhileALaterOneIsInFlight() {
        TeamsEcho earlier = new TeamsEcho(Optional.of(SessionPair.BUSY_IN_A_CALL), WRITTEN);
        TeamsEcho later = new TeamsEcho(Optional.of(SessionPair.AWAY), AFTER.plusSeconds(1), null);
        var decision = resolver.resolve(seen("Available", "Available", "1"), seen("Busy", "InACall", "2"),
                List.of(earlier, later), AFTER, AFTER);
        assertThat(decision.verdict()).isEqualTo(Verdict.ECHO);
        assertThat(decision.echoConsumed()).isTrue();
    }

    @Test
    void aReadSentBeforeAWriteInFlightCannotBeItsEcho() {
        TeamsEcho inFlight = new TeamsEcho(Optional.empty(), WRITTEN, null);
        var decision = resolver.resolve(seen("Available", "Available", "1"), seen("Busy", "InAMeeting", "2"),
                List.of(inFlight), BEFORE, BEFORE);
        assertThat(decision.verdict()).isEqualTo(Verdict.CHANGE);
        assertThat(decision.type()).contains(StatusType.DND);
    }

    @Test
    void aReadStampedBeforeTheWriteButAnsweredAfterItMayShowItsResult() {
        // the poll was built before the write was sent, but left later (one chunk after another, a token fetch)
        TeamsEcho write = new TeamsEcho(Optional.of(SessionPair.AWAY), WRITTEN, null);
        var decision = resolver.resolve(seen("Available", "Available", "1"), seen("Away", "Away", "2"),
                List.of(write), BEFORE, AFTER);
        assertThat(decision.verdict()).isEqualTo(Verdict.ECHO);
        assertThat(decision.echoConsumed()).isFalse();
    }

    @ParameterizedTest(name = "{0}/{1}")
    @CsvSource({"Offline, Offline", "Offline, OffWork", "PresenceUnknown, PresenceUnknown", "Invisible, Ghosting"})
    void presencesWithoutMeaningChangeNothing(String availability, String activity) {
        var decision = resolver.resolve(seen("Available", "Available", "1"), seen(availability, activity, "2"),
                List.of(), AFTER, AFTER);
        assertThat(decision.verdict()).isEqualTo(Verdict.UNMAPPED);
        assertThat(decision.type()).isEmpty();
    }
}
