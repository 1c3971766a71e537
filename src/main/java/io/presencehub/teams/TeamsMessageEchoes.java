package io.presencehub.teams;

import io.presencehub.model.UserKey;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The hub's own status message writes per user that a read may still show (see {@link TeamsMessageEcho}): added when
 * a write is sent, marked when its answer is taken, forgotten when refused or once a later read settled them.
 * Thread-safe: the writer threads add, the read threads look and settle.
 */
final class TeamsMessageEchoes {

    /** More unsettled writes than this for one user means nobody reads; the oldest are forgotten. */
    private static final int LIMIT_PER_USER = 16;

    private final Map<UserKey, Deque<TeamsMessageEcho>> byUser = new HashMap<>();

    synchronized void sent(UserKey user, String text, String replaced, Instant sentAt) {
        byUser.compute(user, (key, writes) -> {
            Deque<TeamsMessageEcho> list = writes == null ? new ArrayDeque<>() : writes;
            list.addLast(new TeamsMessageEcho(text, replaced, sentAt, null));
            while (list.size() > LIMIT_PER_USER) {
                list.removeFirst();
            }
            return list;
        });
    }

    /** The write in flight was answered; {@code mayHaveApplied} false: refused, it changed nothing in Teams. */
    synchronized void answered(UserKey user, Instant at, boolean mayHaveApplied) {
        byUser.computeIfPresent(user, (key, writes) -> {
            Deque<TeamsMessageEcho> kept = new ArrayDeque<>();
            for (TeamsMessageEcho write : writes) {
                if (write.answeredAt() != null || mayHaveApplied) {
                    kept.addLast(write.answered(at));
                }
            }
            return kept.isEmpty() ? null : kept;
        });
    }

    synchronized List<TeamsMessageEcho> of(UserKey user) {
        Deque<TeamsMessageEcho> writes = byUser.get(user);
        return writes == null ? List.of() : List.copyOf(writes);
    }

    /** Forgets the writes a read sent at {@code readStartedAt} has settled. */
    synchronized void settle(UserKey user, Instant readStartedAt) {
        byUser.computeIfPresent(user, (key, writes) -> {
            writes.removeIf(write -> write.settledBy(readStartedAt));
            return writes.isEmpty() ? null : writes;
        });
    }
}
