package io.presencehub.teams;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencehub.model.Origin;
import io.presencehub.model.StatusType;
import io.presencehub.model.UserState;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The session for (status, on the phone, {@code hub.teams.call-session}): on the phone the call session wins over
 * whatever the status asks (a status made in Teams included), off the phone the seed's session table rules; with
 * {@code none} a call changes nothing. The status message always follows the status.
 */
class TeamsCallSessionDecisionTest {

    private static final Instant NOW = Instant.parse("2026-03-02T08:00:00Z");

    private static TeamsSessionResolver resolver(String callSession) {
        return new TeamsSessionResolver(TeamsSessionMapper.defaults(), true,
                TeamsCallSettings.from(callSession, "InACall").callSession());
    }

    private static UserState state(StatusType type, Origin origin) {
        return new UserState("s-" + type.code(), type, "Back at 2", 1_800_000_000L, origin, NOW, 1);
    }

    @ParameterizedTest(name = "{0} from {1}, on the phone {2}, call session {3} -> {4}")
    @CsvSource({
            // off the phone: the session table, whatever the call session
            "AVAILABLE,   STATUS_INTERFACE, false, Busy/InACall,          none",
            "CHAT,        STATUS_INTERFACE, false, Busy/InACall,          none",
            "AWAY,        STATUS_INTERFACE, false, Busy/InACall,          Away/Away",
            "XA,          ASTERISK,         false, Busy/InACall,          Away/Away",
            "DND,         STATUS_INTERFACE, false, Busy/InACall,          Busy/InACall",
            "UNAVAILABLE, ASTERISK,         false, Busy/InACall,          Busy/InACall",
            "AVAILABLE,   STATUS_INTERFACE, false, DoNotDisturb/Presenting, none",
            "AWAY,        STATUS_INTERFACE, false, DoNotDisturb/Presenting, Away/Away",
            "DND,         STATUS_INTERFACE, false, DoNotDisturb/Presenting, Busy/InACall",
            "AVAILABLE,   STATUS_INTERFACE, false, none,                  none",
            "AWAY,        STATUS_INTERFACE, false, none,                  Away/Away",
            "DND,         STATUS_INTERFACE, false, none,                  Busy/InACall",
            "DND,         TEAMS,            false, Busy/InACall,          none",
            // on the phone: the call session, whatever the status asks
            "AVAILABLE,   STATUS_INTERFACE, true,  Busy/InACall,          Busy/InACall",
            "CHAT,        STATUS_INTERFACE, true,  Busy/InACall,          Busy/InACall",
            "AWAY,        STATUS_INTERFACE, true,  Busy/InACall,          Busy/InACall",
            "XA,          ASTERISK,         true,  Busy/InACall,          Busy/InACall",
            "DND,         STATUS_INTERFACE, true,  Busy/InACall,          Busy/InACall",
            "UNAVAILABLE, ASTERISK,         true,  Busy/InACall,          Busy/InACall",
            "AVAILABLE,   TEAMS,            true,  Busy/InACall,          Busy/InACall",
            "DND,         TEAMS,            true,  Busy/InACall,          Busy/InACall",
            "AVAILABLE,   DIRECTORY,        true,  Busy/InACall,          Busy/InACall",
            "AVAILABLE,   STATUS_INTERFACE, true,  DoNotDisturb/Presenting, DoNotDisturb/Presenting",
            "AWAY,        STATUS_INTERFACE, true,  Busy/InAConferenceCall, Busy/InAConferenceCall",
            "DND,         STATUS_INTERFACE, true,  Away/Away,             Away/Away",
            "XA,          STATUS_INTERFACE, true,  Available/Available,   Available/Available",
            // on the phone with call-session none: what the status asks
            "AVAILABLE,   STATUS_INTERFACE, true,  none,                  none",
            "CHAT,        STATUS_INTERFACE, true,  none,                  none",
            "AWAY,        STATUS_INTERFACE, true,  none,                  Away/Away",
            "XA,          ASTERISK,         true,  none,                  Away/Away",
            "DND,         STATUS_INTERFACE, true,  none,                  Busy/InACall",
            "UNAVAILABLE, ASTERISK,         true,  none,                  Busy/InACall",
            "DND,         TEAMS,            true,  none,                  none"})
    void theCallSessionWinsOnlyWhileOnThePhone(StatusType type, Origin origin, boolean onThePhone, String callSession,
                                               String expected) {
        TeamsTarget target = resolver(callSession).targetFor(state(type, origin), onThePhone);
        assertThat(target.session().map(SessionPair::text).orElse("none")).isEqualTo(expected);
    }

    @Test
    void aCallLeavesTheStatusMessageAsTheStatusAsksIt() {
        TeamsSessionResolver resolver = resolver("Busy/InACall");
        for (StatusType type : StatusType.values()) {
            UserState state = state(type, Origin.STATUS_INTERFACE);
            assertThat(resolver.targetFor(state, true).message()).as(type.code())
                    .isEqualTo(resolver.targetFor(state, false).message())
                    .isEqualTo(new TeamsTarget.StatusMessage("Back at 2", Instant.ofEpochSecond(1_800_000_000L)));
        }
    }

    @Test
    void theWriteRulesAskTheSameAndNoWriteIsOwedWhenGraphHoldsTheCallSessionAlready() {
        TeamsWriteResolver writes = TeamsWriteResolver.forExpiration(java.time.Duration.ofHours(4));
        TeamsTarget onCall = resolver("Busy/InACall").targetFor(state(StatusType.DND, Origin.STATUS_INTERFACE), true);
        TeamsHeld dndSession = TeamsHeld.NOTHING.withSession(SessionPair.BUSY_IN_A_CALL, NOW.plusSeconds(4 * 3600))
                .withMessage(onCall.message());
        assertThat(writes.next(onCall, dndSession, NOW)).isEmpty();
        TeamsTarget available = resolver("Busy/InACall").targetFor(state(StatusType.AVAILABLE, Origin.TEAMS), true);
        assertThat(writes.next(available, TeamsHeld.NOTHING, NOW)).contains(TeamsWrite.set(SessionPair.BUSY_IN_A_CALL));
        assertThat(resolver("Busy/InACall").callSession()).contains(SessionPair.BUSY_IN_A_CALL);
        assertThat(resolver("none").callSession()).isEqualTo(Optional.empty());
    }
}
