package io.presencehub.teams;

import io.presencehub.model.StatusType;

import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;

/**
 * Decides what one Graph presence read means for the hub. Graph input is edge-triggered: only a change of the
 * observed presence can change the hub; a read older than the last one is dropped; the first read without a stored
 * observation is a baseline; the visible result of the hub's own write is an echo; a read that shows the very session
 * the hub holds (the call session while the user is on the phone, say) is the hub's own doing, not the user's, even
 * long after its write was settled; a presence the table does not map (Offline, PresenceUnknown, unknown values)
 * changes nothing.
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
        /** Shows the session the hub holds (e.g. the call session during a phone call): the hub's, not the user's. */
        OWN_SESSION,
        /** Changed to a presence that means no hub status. */
        UNMAPPED,
        /** Changed to a presence that means {@link Decision#type()}. */
        CHANGE
    }

    /** The verdict, the hub type for {@link Verdict#CHANGE}, and whether the read settled one of the hub's writes. */
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
     * @param echoes        the hub's own writes whose effect was not yet settled by a read (in flight or answered)
     * @param readStartedAt  when the read that returned {@code observed} was sent (at the latest)
     * @param readAnsweredAt when its answer came back
     */
    public Decision resolve(GraphObservation previous, GraphObservation observed, Collection<TeamsEcho> echoes,
                            Instant readStartedAt, Instant readAnsweredAt) {
        return resolve(previous, observed, echoes, Set.of(), false, readStartedAt, readAnsweredAt);
    }

    /**
     * As above, with {@code held}: the session the hub holds for the user now (at most one; empty for none), and
     * whether the user's status came from Teams: then the hub holds no session for the status (at most the call
     * session), so the user's own state that a clear shows again is what the status follows, not an echo.
     */
    public Decision resolve(GraphObservation previous, GraphObservation observed, Collection<TeamsEcho> echoes,
                            Collection<SessionPair> held, boolean statusFromTeams, Instant readStartedAt,
                            Instant readAnsweredAt) {
        if (previous != null && isOlder(observed.sequenceNumber(), previous.sequenceNumber())) {
            return Decision.of(Verdict.STALE, false);
        }
        // a read sent after a write was answered settles that write's echo, whatever it shows
        boolean settles = echoes.stream().anyMatch(e -> e.settledBy(readStartedAt));
        if (previous == null) {
            return Decision.of(Verdict.BASELINE, settles);
        }
        if (observed.samePresence(previous)) {
            return Decision.of(Verdict.UNCHANGED, settles);
        }
        // a read answered after a write was sent may show its result, even while the write's answer is still on its
        // way; after a clear, the user's own state shows again: whatever it is, the hub caused the change
        boolean hubsPair = held.stream().anyMatch(observed::showsPair)
                || echoes.stream().anyMatch(e -> e.shows(observed));
        if (echoes.stream().anyMatch(e -> e.visibleTo(readAnsweredAt) && e.explains(observed))
                && (hubsPair || !statusFromTeams)) {
            return Decision.of(Verdict.ECHO, settles);
        }
        if (held.stream().anyMatch(observed::showsPair)) {
            return Decision.of(Verdict.OWN_SESSION, settles);
        }
        Optional<StatusType> type = mapper.map(observed.availability(), observed.activity());
        if (type.isEmpty()) {
            return Decision.of(Verdict.UNMAPPED, settles);
        }
        return new Decision(Verdict.CHANGE, type, settles);
    }

    private static boolean isOlder(String sequence, String held) {
        return !sequence.isEmpty() && !held.isEmpty() && sequence.compareTo(held) < 0;
    }
}
