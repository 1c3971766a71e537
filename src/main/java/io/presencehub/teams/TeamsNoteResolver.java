package io.presencehub.teams;

import io.presencehub.model.NoteText;
import io.presencehub.model.UserState;

import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/**
 * Decides what the Teams status message of one read means for the user's note ({@code hub.teams.incoming-note}).
 * Edge-triggered like the presence: only a message that differs from the previous read's can change the note, and
 * the first read (no previous observation) is a baseline. A message the hub holds, has in flight or has just
 * replaced is its own write, never the user's. The message is cleaned of control characters and cut to the note's
 * limit; one that is then the current note changes nothing. A message with an expiry sets the return time to it; one
 * without clears a return time the hub took from Teams and keeps any other. An empty message clears the note only
 * while the note is the one the hub took from Teams: a note set since by a status client or the web stays.
 */
public final class TeamsNoteResolver {

    /** What a read's status message means. */
    public enum Verdict {
        /** First read of this user: nothing to compare with. */
        BASELINE,
        /** The same message as the previous read. */
        UNCHANGED,
        /** A message the hub holds, has in flight or just replaced: its own write. */
        OWN,
        /** Cleaned, it is the note the user has. */
        SAME_NOTE,
        /** Empty, but the note did not come from Teams: kept. */
        KEPT,
        /** The note becomes {@link Decision#note()}, the return time {@link Decision#returnTime()} (null: kept). */
        CHANGE
    }

    /**
     * @param verdict    what the read means
     * @param message    the message as cleaned
     * @param note       the new note for {@link Verdict#CHANGE}, else null
     * @param returnTime the new return time for {@link Verdict#CHANGE} (Unix seconds, 0 = none); null to keep it
     */
    public record Decision(Verdict verdict, String message, String note, Long returnTime) {

        static Decision of(Verdict verdict, String message) {
            return new Decision(verdict, message, null, null);
        }

        /** What the hub takes from Teams with this change: the note and the return time from the expiry. */
        TeamsNote taken(Instant expiry) {
            return new TeamsNote(note, expiry != null && returnTime != null ? returnTime : 0);
        }
    }

    /** A message as the hub compares and takes it: no control characters, no blanks around it, at most a note long. */
    public static String normalize(String message) {
        return message == null ? "" : NoteText.limit(NoteText.clean(message).strip());
    }

    /**
     * Whether only the expiry of a message the note was taken from moved (the stored observation keeps no expiry:
     * the note taken from Teams has it): the same text, a new return time.
     */
    public static boolean newExpiry(GraphObservation previous, TeamsNote taken, String message, Instant expiry) {
        return previous != null && taken != null && !taken.note().isEmpty()
                && taken.note().equals(normalize(message)) && taken.returnTime() != seconds(expiry);
    }

    static long seconds(Instant expiry) {
        return expiry == null || expiry.getEpochSecond() <= 0 ? 0 : expiry.getEpochSecond();
    }

    /** Whether a read's message can change anything: not a baseline, and not the previous read's message. */
    public static boolean differs(GraphObservation previous, String message) {
        return previous != null && !normalize(message).equals(normalize(previous.statusMessage()));
    }

    /**
     * @param previous      the observation before this read, null for none (a baseline)
     * @param message       the status message just read (empty for none)
     * @param expiry        its expiry, null for none
     * @param current       the user's state in the hub now
     * @param taken         the note the hub last took from Teams for the user, if any
     * @param held          the message the hub holds in Teams (null when it never set one)
     * @param echoes        the hub's message writes not yet settled by a read
     * @param readStartedAt  when the read was sent
     * @param readAnsweredAt when its answer came back
     */
    public Decision resolve(GraphObservation previous, String message, Instant expiry, UserState current,
                            Optional<TeamsNote> taken, TeamsTarget.StatusMessage held,
                            Collection<TeamsMessageEcho> echoes, Instant readStartedAt, Instant readAnsweredAt) {
        String text = normalize(message);
        if (previous == null) {
            return Decision.of(Verdict.BASELINE, text);
        }
        if (!differs(previous, message)) {
            // the same text with a new expiry moves the return time while note and return time are still Teams'
            boolean moved = taken.filter(t -> newExpiry(previous, t, message, expiry) && t.note().equals(current.note())
                    && t.returnTime() == current.returnTime()).isPresent();
            return moved ? new Decision(Verdict.CHANGE, text, text, seconds(expiry)) : Decision.of(Verdict.UNCHANGED, text);
        }
        if ((held != null && text.equals(normalize(held.text())))
                || echoes.stream().anyMatch(e -> e.explains(text, readStartedAt, readAnsweredAt))) {
            return Decision.of(Verdict.OWN, text);
        }
        if (text.equals(current.note())) {
            return Decision.of(Verdict.SAME_NOTE, text);
        }
        Optional<TeamsNote> fromTeams = taken.filter(t -> !t.note().isEmpty() && t.note().equals(current.note()));
        boolean returnTimeFromTeams = fromTeams.filter(t -> t.returnTime() != 0
                && t.returnTime() == current.returnTime()).isPresent();
        if (text.isEmpty() && fromTeams.isEmpty()) {
            return Decision.of(Verdict.KEPT, text);
        }
        Long returnTime;
        if (!text.isEmpty() && expiry != null && expiry.getEpochSecond() > 0) {
            returnTime = expiry.getEpochSecond();
        } else {
            returnTime = returnTimeFromTeams ? Long.valueOf(0) : null;
        }
        return new Decision(Verdict.CHANGE, text, text, returnTime);
    }
}
