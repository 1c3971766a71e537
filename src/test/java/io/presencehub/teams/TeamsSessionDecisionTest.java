package io.presencehub.teams;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencehub.model.Origin;
import io.presencehub.model.StatusType;
import io.presencehub.model.UserState;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The session decision (what Teams should show for a hub state) and the next write towards it. */
class TeamsSessionDecisionTest {

    private static final Instant NOW = Instant.parse("2026-03-02T08:00:00Z");

    private final TeamsSessionResolver resolver = new TeamsSessionResolver(TeamsSessionMapper.defaults(), true);
    private final TeamsWriteResolver writes = TeamsWriteResolver.forExpiration(Duration.ofHours(4));

    private static UserState state(StatusType type, Origin origin, String note, long returnTime) {
        return new UserState("s-" + type.code(), type, note, returnTime, origin, NOW, 1);
    }

    @ParameterizedTest(name = "{0} from {1} -> {2}")
    @CsvSource({
            "DND, STATUS_INTERFACE, Busy/InACall",
            "DND, ASTERISK, Busy/InACall",
            "UNAVAILABLE, ASTERISK, Busy/InACall",
            "AWAY, STATUS_INTERFACE, Away/Away",
            "XA, ASTERISK, Away/Away",
            "AVAILABLE, STATUS_INTERFACE, none",
            "CHAT, ASTERISK, none",
            "DND, TEAMS, none",
            "AWAY, TEAMS, none",
            "DND, DIRECTORY, Busy/InACall"})
    void sessionFollowsTheTableExceptForStatesMadeInTeams(StatusType type, Origin origin, String expected) {
        Optional<SessionPair> session = resolver.targetFor(state(type, origin, "", 0)).session();
        assertThat(session.map(SessionPair::text).orElse("none")).isEqualTo(expected);
    }

    @Test
    void noteBecomesTheStatusMessageWithTheReturnTimeAsExpiry() {
        TeamsTarget target = resolver.targetFor(state(StatusType.AWAY, Origin.STATUS_INTERFACE, "Back at 2", 1_800_000_000L));
        assertThat(target.message()).isEqualTo(new TeamsTarget.StatusMessage("Back at 2",
                Instant.ofEpochSecond(1_800_000_000L)));
    }

    @Test
    void withoutNoteSyncTheMessageIsNotManaged() {
        TeamsTarget target = new TeamsSessionResolver(TeamsSessionMapper.defaults(), false)
                .targetFor(state(StatusType.AWAY, Origin.STATUS_INTERFACE, "Back at 2", 0));
        assertThat(target.message()).isNull();
    }

    @Test
    void aWantedSessionNotHeldIsSet() {
        TeamsTarget target = new TeamsTarget(Optional.of(SessionPair.BUSY_IN_A_CALL), null);
        assertThat(writes.next(target, TeamsHeld.NOTHING, NOW)).contains(TeamsWrite.set(SessionPair.BUSY_IN_A_CALL));
    }

    @Test
    void aHeldSessionIsRenewedOnlyNearItsExpiry() {
        TeamsTarget target = new TeamsTarget(Optional.of(SessionPair.AWAY), null);
        TeamsHeld held = TeamsHeld.NOTHING.withSession(SessionPair.AWAY, NOW.plus(Duration.ofHours(4)));
        assertThat(writes.next(target, held, NOW)).isEmpty();
        assertThat(writes.next(target, held, NOW.plus(Duration.ofMinutes(215)))).isEmpty();
        assertThat(writes.next(target, held, NOW.plus(Duration.ofMinutes(217)))).contains(TeamsWrite.set(SessionPair.AWAY));
    }

    @Test
    void aHeldSessionNoLongerWantedIsCleared() {
        TeamsHeld held = TeamsHeld.NOTHING.withSession(SessionPair.AWAY, NOW.plus(Duration.ofHours(4)));
        assertThat(writes.next(new TeamsTarget(Optional.empty(), null), held, NOW)).contains(TeamsWrite.clear());
    }

    @Test
    void noSessionWantedAndNoneHeldNeedsNoWrite() {
        assertThat(writes.next(new TeamsTarget(Optional.empty(), null), TeamsHeld.NOTHING, NOW)).isEmpty();
    }

    @Test
    void theSessionComesBeforeTheMessageAndAnEmptyMessageNeverSetNeedsNoWrite() {
        TeamsTarget.StatusMessage message = new TeamsTarget.StatusMessage("In the lab", null);
        TeamsTarget target = new TeamsTarget(Optional.of(SessionPair.BUSY_IN_A_CALL), message);
        assertThat(writes.next(target, TeamsHeld.NOTHING, NOW)).contains(TeamsWrite.set(SessionPair.BUSY_IN_A_CALL));
        TeamsHeld held = TeamsHeld.NOTHING.withSession(SessionPair.BUSY_IN_A_CALL, NOW.plus(Duration.ofHours(4)));
        assertThat(writes.next(target, held, NOW)).contains(TeamsWrite.message(message));
        assertThat(writes.next(target, held.withMessage(message), NOW)).isEmpty();
        TeamsTarget blank = new TeamsTarget(Optional.empty(), new TeamsTarget.StatusMessage("", null));
        assertThat(writes.next(blank, TeamsHeld.NOTHING, NOW)).isEmpty();
        assertThat(writes.next(blank, TeamsHeld.NOTHING.withMessage(message), NOW))
                .contains(TeamsWrite.message(new TeamsTarget.StatusMessage("", null)));
    }
}
