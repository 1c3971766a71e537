package io.presencehub.teams;

import java.time.Instant;

/**
 * One of the hub's own status message writes whose result a read may still show, as {@link TeamsEcho} is for
 * sessions. Until a read sent after its answer settles it, a read showing the message written (once it may have reached
 * Graph) or the message it replaced (the read may have reached Graph before it) is the hub's doing, not the user's.
 *
 * @param text       the message written, as a read shows it ({@link TeamsNoteResolver#normalize})
 * @param replaced   the message the hub held before, as a read shows it; null when the hub held none
 * @param sentAt     when the write was sent to Graph
 * @param answeredAt when its answer was taken, null while it is in flight
 */
public record TeamsMessageEcho(String text, String replaced, Instant sentAt, Instant answeredAt) {

    /** Whether a read (sent and answered at these instants) showing {@code message} shows this write's doing. */
    boolean explains(String message, Instant readStartedAt, Instant readAnsweredAt) {
        if (settledBy(readStartedAt)) {
            return false;
        }
        return message.equals(replaced) || (message.equals(text) && readAnsweredAt.isAfter(sentAt));
    }

    /** Whether a read sent at {@code readStartedAt} reached Graph after this write was answered. */
    boolean settledBy(Instant readStartedAt) {
        return answeredAt != null && readStartedAt.isAfter(answeredAt);
    }

    TeamsMessageEcho answered(Instant at) {
        return answeredAt != null ? this : new TeamsMessageEcho(text, replaced, sentAt, at);
    }
}
