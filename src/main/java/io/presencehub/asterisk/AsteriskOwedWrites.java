package io.presencehub.asterisk;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rules of "what the hub owes Asterisk now": the latest wanted value per presentity (coalesced, in the order
 * first owed), whether writing is allowed (not between a login and the hand-over of its snapshot), and what an
 * answer does to a write. Pure bookkeeping, no I/O and no locking: {@link AsteriskWriter} owns one and guards it.
 */
final class AsteriskOwedWrites {

    private final Map<String, PresenceWrite> wanted = new LinkedHashMap<>();
    private final Deque<String> order = new ArrayDeque<>();
    private final Map<String, PresenceWrite> sending = new LinkedHashMap<>();
    private boolean ready;

    /** The latest value wanted for the presentity replaces any older one still owed. */
    void owe(PresenceWrite write) {
        String presentity = write.presentity();
        if (wanted.put(presentity, write) == null && !sending.containsKey(presentity)) {
            order.addLast(presentity);
        }
    }

    /** A login is coming: nothing is due until its snapshot has been taken into account. */
    void pause() {
        ready = false;
    }

    /** The login's snapshot has been taken into account. */
    void resume() {
        ready = true;
    }

    boolean ready() {
        return ready;
    }

    /**
     * The writes due now, oldest owed first, at most {@code max}; each is being sent until {@link #answered}.
     * None while paused, and none for a presentity whose previous write is still unanswered.
     */
    List<PresenceWrite> due(int max) {
        List<PresenceWrite> due = new ArrayList<>();
        while (ready && due.size() < max && !order.isEmpty()) {
            String presentity = order.pollFirst();
            PresenceWrite write = wanted.get(presentity);
            if (write != null) {
                sending.put(presentity, write);
                due.add(write);
            }
        }
        return due;
    }

    /**
     * Asterisk's answer to a write handed out by {@link #due}. A write answered WRITTEN or FAILED is no longer owed
     * unless a newer value was wanted meanwhile (that one is due next); NOT_CONNECTED pauses writing and keeps it.
     *
     * @return true if the write is settled (no longer owed), false if it or a newer value is still owed
     */
    boolean answered(PresenceWrite write, AsteriskWriteOutcome.Result result) {
        String presentity = write.presentity();
        sending.remove(presentity, write);
        if (result == AsteriskWriteOutcome.Result.NOT_CONNECTED) {
            ready = false;
            if (wanted.containsKey(presentity) && !order.contains(presentity)) {
                order.addFirst(presentity);
            }
            return false;
        }
        if (wanted.remove(presentity, write)) {
            return true;
        }
        if (wanted.containsKey(presentity) && !order.contains(presentity)) {
            order.addLast(presentity);
        }
        return false;
    }

    /** The value still owed to the presentity (queued or being sent). */
    Optional<PresenceWrite> owed(String presentity) {
        return Optional.ofNullable(wanted.get(presentity));
    }

    /** The write of the presentity being sent now, if any. */
    Optional<PresenceWrite> sending(String presentity) {
        return Optional.ofNullable(sending.get(presentity));
    }

    /** Every value still owed, for keeping them across a restart. */
    Collection<PresenceWrite> owed() {
        return List.copyOf(wanted.values());
    }

    int size() {
        return wanted.size();
    }
}
