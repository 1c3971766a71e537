package io.presencehub.teams;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencehub.model.UserKey;
import io.presencehub.teams.TeamsIncomingResolver.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The echo rule of calls: a read that shows the session the hub holds (the call session during a phone call, long
 * after its write was settled) is the hub's own and changes no status, although the incoming table maps Busy/InACall
 * to dnd; anything the held session does not explain still counts. While a write replaces a session, a read that
 * still shows the replaced one is the hub's too.
 */
class TeamsCallEchoTest {

    private static final Instant WRITTEN = Instant.parse("2026-03-02T08:00:00Z");
    private static final Instant LATER = WRITTEN.plusSeconds(60);
    private static final UserKey BEN = new UserKey("hq", "sales", "ben");

    private final TeamsIncomingResolver resolver = new TeamsIncomingResolver(TeamsIncomingMapper.defaults());

    private static GraphObservation seen(String pair, String sequence) {
        String[] parts = pair.split("/");
        return new GraphObservation(parts[0], parts[1], "", sequence);
    }

    @ParameterizedTest(name = "{0} -> {1} while the hub holds {2}: {3} {4}")
    @CsvSource({
            // the held session explains its own pair, whatever was seen before
            "Available/Available, Busy/InACall,          Busy/InACall,           OWN_SESSION, -",
            "Busy/InAMeeting,     Busy/InACall,          Busy/InACall,           OWN_SESSION, -",
            "DoNotDisturb/DoNotDisturb, Busy/InACall,    Busy/InACall,           OWN_SESSION, -",
            "Available/Available, Busy/InAConferenceCall, Busy/InAConferenceCall, OWN_SESSION, -",
            "Available/Available, Away/Away,             Away/Away,              OWN_SESSION, -",
            // what the held session does not explain still counts
            "Busy/InACall,        DoNotDisturb/DoNotDisturb, Busy/InACall,       CHANGE,      dnd",
            "Busy/InACall,        Busy/InAMeeting,       Busy/InACall,           CHANGE,      dnd",
            "Busy/InACall,        Available/Available,   Busy/InACall,           CHANGE,      available",
            "Busy/InACall,        Away/Away,             Busy/InACall,           CHANGE,      away",
            "Available/Available, Busy/InACall,          Busy/InAConferenceCall, CHANGE,      dnd",
            "Available/Available, Busy/InACall,          none,                   CHANGE,      dnd",
            // unchanged stays unchanged
            "Busy/InACall,        Busy/InACall,          Busy/InACall,           UNCHANGED,   -"})
    void aReadShowingTheHeldSessionIsTheHubsOwn(String previous, String observed, String held, Verdict verdict,
                                                String type) {
        Set<SessionPair> heldSessions = held.equals("none") ? Set.of()
                : Set.of(SessionPair.fromText(held).orElseThrow());
        var decision = resolver.resolve(seen(previous, "1"), seen(observed, "2"), List.of(), heldSessions, false,
                LATER, LATER);
        assertThat(decision.verdict()).isEqualTo(verdict);
        assertThat(decision.type().map(t -> t.code()).orElse("-")).isEqualTo(type);
    }

    @Test
    void whenTheCallSessionMakesWayForAnotherTheUsersOwnStateShowingAgainIsAnEcho() {
        TeamsEchoes echoes = new TeamsEchoes();
        echoes.sent(BEN, Optional.of(SessionPair.AWAY), Optional.of(SessionPair.BUSY_IN_A_CALL), WRITTEN);
        echoes.answered(BEN, WRITTEN.plusMillis(50));
        // the call session hid ben's Available client; Away/Away does not outrank it
        var decision = resolver.resolve(seen("Busy/InACall", "1"), seen("Available/Available", "2"),
                echoes.of(BEN), Set.of(SessionPair.AWAY), false, WRITTEN.plusMillis(10), WRITTEN.plusMillis(60));
        assertThat(decision.verdict()).isEqualTo(Verdict.ECHO);
        // a renewal of the same session replaces nothing: it explains only its own pair
        TeamsEchoes renewal = new TeamsEchoes();
        renewal.sent(BEN, Optional.of(SessionPair.AWAY), Optional.of(SessionPair.AWAY), WRITTEN);
        assertThat(resolver.resolve(seen("Away/Away", "1"), seen("Available/Available", "2"), renewal.of(BEN),
                Set.of(SessionPair.AWAY), false, LATER, LATER).verdict()).isEqualTo(Verdict.CHANGE);
    }

    @Test
    void whileTheCallSessionIsClearedAReadStillShowingItIsAnEchoNotAChange() {
        TeamsEchoes echoes = new TeamsEchoes();
        echoes.sent(BEN, Optional.empty(), Optional.of(SessionPair.BUSY_IN_A_CALL), WRITTEN);
        echoes.answered(BEN, WRITTEN.plusMillis(50));
        // the clear is answered, the hub holds nothing now; the read was sent before the clear took effect
        var decision = resolver.resolve(seen("Available/Available", "1"), seen("Busy/InACall", "2"),
                echoes.of(BEN), Set.of(), false, WRITTEN.plusMillis(10), WRITTEN.plusMillis(60));
        assertThat(decision.verdict()).isEqualTo(Verdict.ECHO);

        echoes.settle(BEN, WRITTEN.plusMillis(100));
        assertThat(echoes.of(BEN)).as("a read sent after the answer settles both").isEmpty();
        var later = resolver.resolve(seen("Available/Available", "2"), seen("Busy/InACall", "3"),
                echoes.of(BEN), Set.of(), false, LATER, LATER);
        assertThat(later.verdict()).isEqualTo(Verdict.CHANGE);
    }

    @ParameterizedTest(name = "status from Teams {0}, read {1} after the call session was cleared: {2}")
    @CsvSource({
            // a status made in Teams follows the user's own state once the call session is gone
            "true,  Available/Available,       CHANGE",
            "true,  Away/Away,                 CHANGE",
            // ... but a read still showing the call session is the hub's own
            "true,  Busy/InACall,              ECHO",
            // a status set elsewhere is not overridden by what a clear shows again
            "false, Available/Available,       ECHO",
            "false, Away/Away,                 ECHO"})
    void afterTheCallAStatusMadeInTeamsFollowsTheUsersOwnStateAgain(boolean statusFromTeams, String observed,
                                                                   Verdict verdict) {
        TeamsEchoes echoes = new TeamsEchoes();
        echoes.sent(BEN, Optional.empty(), Optional.of(SessionPair.BUSY_IN_A_CALL), WRITTEN);
        var decision = resolver.resolve(seen("DoNotDisturb/DoNotDisturb", "1"), seen(observed, "2"), echoes.of(BEN),
                Set.of(), statusFromTeams, WRITTEN.plusMillis(10), WRITTEN.plusMillis(60));
        assertThat(decision.verdict()).isEqualTo(verdict);
    }

    @Test
    void aStatusMadeInTeamsDoesNotMakeTheCallSessionAChange() {
        var decision = resolver.resolve(seen("DoNotDisturb/DoNotDisturb", "1"), seen("Busy/InACall", "2"), List.of(),
                Set.of(SessionPair.BUSY_IN_A_CALL), true, LATER, LATER);
        assertThat(decision.verdict()).isEqualTo(Verdict.OWN_SESSION);
    }

    @Test
    void aRefusedWriteExplainsNeitherItsSessionNorTheReplacedOne() {
        TeamsEchoes echoes = new TeamsEchoes();
        echoes.sent(BEN, Optional.of(SessionPair.BUSY_IN_A_CALL), Optional.of(SessionPair.AWAY), WRITTEN);
        assertThat(echoes.of(BEN)).extracting(TeamsEcho::session, TeamsEcho::replaced)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Optional.of(SessionPair.BUSY_IN_A_CALL),
                        Optional.of(SessionPair.AWAY)));
        echoes.refused(BEN);
        assertThat(echoes.of(BEN)).isEmpty();
    }
}
