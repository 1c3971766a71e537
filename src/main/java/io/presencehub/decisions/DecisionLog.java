package io.presencehub.decisions;

import io.presencehub.model.UserKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last decisions of the hub (500 by default), newest first, in a ring that writers fill without a lock: a
 * decision costs a counter increment and one array store, so the rules' hot paths do not slow down. Every decision is
 * also logged at DEBUG to {@code io.presencehub.decisions}.
 */
public final class DecisionLog {

    /** How many decisions the hub keeps. */
    public static final int CAPACITY = 500;
    private static final Logger LOG = LoggerFactory.getLogger("io.presencehub.decisions");

    private final Clock clock;
    private final AtomicReferenceArray<Decision> ring;
    private final AtomicLong written = new AtomicLong();

    public DecisionLog(Clock clock) {
        this(clock, CAPACITY);
    }

    public DecisionLog(Clock clock, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        this.clock = clock;
        this.ring = new AtomicReferenceArray<>(capacity);
    }

    /** Keeps a decision about one user (null for none); the oldest one kept goes when the ring is full. */
    public void record(World world, UserKey user, String reason) {
        long sequence = written.incrementAndGet();
        ring.set((int) ((sequence - 1) % ring.length()), new Decision(sequence, clock.instant(), user, world, reason));
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} {}: {}", world.code(), user == null ? "-" : user, reason);
        }
    }

    /** The newest decisions first, at most {@code limit}, only those about {@code user} when one is given. */
    public List<Decision> decisions(Optional<UserKey> user, int limit) {
        long newest = written.get();
        long oldest = Math.max(1, newest - ring.length() + 1);
        List<Decision> found = new ArrayList<>(Math.min(Math.max(limit, 0), ring.length()));
        for (long sequence = newest; sequence >= oldest && found.size() < limit; sequence--) {
            Decision decision = ring.get((int) ((sequence - 1) % ring.length()));
            // a slot a writer has claimed but not filled yet, or already refilled by a newer writer, is skipped
            if (decision != null && decision.sequence() == sequence
                    && (user.isEmpty() || user.get().equals(decision.user()))) {
                found.add(decision);
            }
        }
        return found;
    }

    /** How many decisions were made since the start (kept or not). */
    public long count() {
        return written.get();
    }
}
