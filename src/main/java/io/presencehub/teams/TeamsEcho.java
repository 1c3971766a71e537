package io.presencehub.teams;

import java.time.Instant;
import java.util.Optional;

/**
 * The visible effect of one of the hub's own session writes: the pair it set, or (after clearPresence, or a set that
 * replaced another session of the hub's) whatever the user's own state is: the session gone may have hidden it, as a
 * call session hides an Available client until the call ends. A read answered after the write was sent may show it
 * (when exactly a read reaches Graph is not known); a read sent after the write's answer came back settles it, whatever
 * that read shows.
 *
 * @param session    the pair set, empty after a clear
 * @param sentAt     when the write was sent to Graph
 * @param answeredAt when its answer was taken, null while it is in flight
 * @param replaced   the other session the hub held until this write, empty for none
 */
public record TeamsEcho(Optional<SessionPair> session, Instant sentAt, Instant answeredAt,
                        Optional<SessionPair> replaced) {

    /** A write that replaced no other session of the hub's. */
    public TeamsEcho(Optional<SessionPair> session, Instant sentAt, Instant answeredAt) {
        this(session, sentAt, answeredAt, Optional.empty());
    }

    /** A write sent and answered at the same instant. */
    public TeamsEcho(Optional<SessionPair> session, Instant writtenAt) {
        this(session, writtenAt, writtenAt);
    }

    /** Whether a read answered at {@code readAnsweredAt} may have reached Graph after this write was sent. */
    boolean visibleTo(Instant readAnsweredAt) {
        return readAnsweredAt.isAfter(sentAt);
    }

    /** Whether a read sent at {@code readStartedAt} reached Graph after this write was answered. */
    boolean settledBy(Instant readStartedAt) {
        return answeredAt != null && readStartedAt.isAfter(answeredAt);
    }

    /** Whether {@code observed} may be this write's result. */
    boolean explains(GraphObservation observed) {
        return session.isEmpty() || replaced.isPresent() || observed.showsPair(session.get());
    }

    /** Whether {@code observed} is the pair this write set or the one it replaced (a session of the hub's). */
    boolean shows(GraphObservation observed) {
        return session.filter(observed::showsPair).isPresent() || replaced.filter(observed::showsPair).isPresent();
    }

    TeamsEcho answered(Instant at) {
        return answeredAt != null ? this : new TeamsEcho(session, sentAt, at, replaced);
    }
}
