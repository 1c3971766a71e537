package io.presencehub.teams;

import io.presencehub.model.StatusType;

import java.time.Instant;
import java.util.Optional;

/**
 * Decides what one Graph presence read means for the hub. Graph input is edge-triggered: only a change of the
 * observed presence can change the hub; a read older than the last one is dropped; the first read without a stored
 * observation is a baseline; the visible result of the hub's own write is an echo; a presence the table does not map
 * (Offline, PresenceUnknown, unknown values) changes nothing.
 */
public final class TeamsIncomingResolver {

    /** What a read means. */
    public enum Verdict {
        /** Older than the observation held: dropped, not stored. */
        STALE,
        /** First observation of this user: stored, never applied. */
        BASELINE,
        /** Same availability and activity as before. */
        UNCHANGED,
        /** The visible result of the hub's own write. */
        ECHO,
        /** Changed to a presence that means no hub status. */
        UNMAPPED,
        /** Changed to a presence that means {@link Decision#type()}. */
        CHANGE
    }

    /** The verdict, the hub type for {@link Verdict#CHANGE}, and whether the pending echo is used up. */
    public record Decision(Verdict verdict, Optional<StatusType> type, boolean echoConsumed) {
        static Decision of(Verdict verdict, boolean echoConsumed) {
            return new Decision(verdict, Optional.empty(), echoConsumed);
        }
    }

    private final TeamsIncomingMapper mapper;

    public TeamsIncomingResolver(TeamsIncomingMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * @param previous      the observation held (null for none)
     * @param observed      the presence just read
     * @param echo          the effect of the hub's last write not yet seen (null for none)
     * @param readStartedAt when the read that returned {@code observed} was sent
     */
    public Decision resolve(GraphObservation previous, GraphObservation observed, TeamsEcho echo,
                            Instant readStartedAt) {
        if (previous != null && isOlder(observed.sequenceNumber(), previous.sequenceNumber())) {
            return Decision.of(Verdict.STALE, false);
        }
        // only a read sent after the write can show its effect; that read settles the echo either way
        boolean echoDue = echo != null && readStartedAt.isAfter(echo.writtenAt());
        if (previous == null) {
            return Decision.of(Verdict.BASELINE, echoDue);
        }
        if (observed.samePresence(previous)) {
            return Decision.of(Verdict.UNCHANGED, echoDue);
        }
        if (echoDue && (echo.session().isEmpty() || observed.showsPair(echo.session().get()))) {
            // after a clear, the user's own state shows again: whatever it is, the hub caused the change
            return Decision.of(Verdict.ECHO, true);
        }
        Optional<StatusType> type = mapper.map(observed.availability(), observed.activity());
        if (type.isEmpty()) {
            return Decision.of(Verdict.UNMAPPED, echoDue);
        }
        return new Decision(Verdict.CHANGE, type, echoDue);
    }

    private static boolean isOlder(String sequence, String held) {
        return !sequence.isEmpty() && !held.isEmpty() && sequence.compareTo(held) < 0;
    }
}
