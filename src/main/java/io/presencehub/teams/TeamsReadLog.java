package io.presencehub.teams;

import io.presencehub.calls.TeamsCall;
import io.presencehub.decisions.DecisionLog;
import io.presencehub.decisions.World;
import io.presencehub.model.StatusDef;
import io.presencehub.model.StatusType;
import io.presencehub.model.UserKey;
import java.time.Instant;

/**
 * The wording of what a Teams presence read meant, in the decision log: only what differs from the read before (a
 * baseline says nothing yet), Teams calls starting and ending, and why a mapped presence did or did not change the
 * status.
 */
final class TeamsReadLog {

    private final DecisionLog decisions;
    private final TeamsCallSettings callSettings;

    TeamsReadLog(DecisionLog decisions, TeamsCallSettings callSettings) {
        this.decisions = decisions;
        this.callSettings = callSettings;
    }

    void callEnded(UserKey user, Instant lastRead) {
        decisions.record(World.CALLS, user, "Teams call ended: not read since " + lastRead);
    }

    void stale(UserKey user, GraphObservation observed) {
        decisions.record(World.TEAMS, user, "Teams read " + observed.pair() + " dropped: older than the last one");
    }

    /** A read's meaning: only what differs from the read before (a baseline says nothing yet). */
    void read(UserKey user, GraphObservation observed, TeamsIncomingResolver.Verdict verdict) {
        String reason = switch (verdict) {
            case ECHO -> "echo of the hub's own write to Teams: " + observed.pair();
            case OWN_SESSION -> "Teams " + observed.pair() + " is the hub's own session: no change";
            case UNMAPPED -> "Teams " + observed.pair() + " is not mapped: no change";
            default -> null;
        };
        if (reason != null) {
            decisions.record(World.TEAMS, user, reason);
        }
    }

    /** A Teams call that starts or ends, or a call activity that the hub's own session explains. */
    void call(UserKey user, GraphObservation observed, TeamsCall before, TeamsCall call,
              TeamsIncomingResolver.Verdict verdict) {
        if (call != before && (call == TeamsCall.IN_CALL || before == TeamsCall.IN_CALL)) {
            decisions.record(World.CALLS, user, "Teams " + observed.pair()
                    + (call == TeamsCall.IN_CALL ? ": in a Teams call" : ": no Teams call"));
        } else if (call == TeamsCall.NONE && verdict != TeamsIncomingResolver.Verdict.UNCHANGED
                && callSettings.isCallActivity(observed.activity())) {
            boolean callSession = callSettings.callSession().filter(observed::showsPair).isPresent();
            decisions.record(World.CALLS, user, "Teams " + observed.pair() + " is the hub's own "
                    + (callSession ? "call session" : "session") + ": no Teams call");
        }
    }

    /** The status already has the type the read means (e.g. "Lunch" for away): the more specific choice stays. */
    void typeKept(UserKey user, GraphObservation observed, StatusType type) {
        decisions.record(World.TEAMS, user, "Teams " + observed.pair() + " means " + type.code()
                + ", which the status already is: kept");
    }

    void noStatus(UserKey user, GraphObservation observed, StatusType type) {
        decisions.record(World.TEAMS, user, "Teams " + observed.pair() + " not applied: the tenant has no "
                + type.code() + " status");
    }

    void applied(UserKey user, GraphObservation observed, StatusDef status) {
        decisions.record(World.TEAMS, user, "status " + status.name() + " from Teams " + observed.pair());
    }
}
