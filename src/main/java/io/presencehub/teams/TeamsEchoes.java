package io.presencehub.teams;

import io.presencehub.model.UserKey;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The hub's own session writes per user whose result a poll may still show: registered when a write is sent (a poll
 * can reach Graph after the write but be answered before it), marked when its answer is taken, dropped once a read
 * sent after the answer has been seen. Thread-safe: the writer threads add, the poll thread reads.
 */
final class TeamsEchoes {

    /** More unsettled writes than this for one user means nobody polls; the oldest are forgotten. */
    private static final int MAX_PER_USER = 16;

    private final Map<UserKey, List<TeamsEcho>> byUser = new HashMap<>();

    /** A session write is sent; {@code replaced} is the session the hub held until now (empty for none). */
    synchronized void sent(UserKey user, Optional<SessionPair> session, Optional<SessionPair> replaced,
                           Instant sentAt) {
        List<TeamsEcho> echoes = byUser.computeIfAbsent(user, k -> new ArrayList<>());
        echoes.add(new TeamsEcho(session, sentAt, null, replaced.equals(session) ? Optional.empty() : replaced));
        if (echoes.size() > MAX_PER_USER) {
            echoes.remove(0);
        }
    }

    /** The write in flight for the user (at most one per user) has been answered, whatever the answer was. */
    synchronized void answered(UserKey user, Instant at) {
        List<TeamsEcho> echoes = byUser.get(user);
        if (echoes != null) {
            echoes.replaceAll(e -> e.answered(at));
        }
    }

    /** The write in flight for the user was refused (it changed nothing in Teams): it can explain no read. */
    synchronized void refused(UserKey user) {
        List<TeamsEcho> echoes = byUser.get(user);
        if (echoes != null) {
            echoes.removeIf(e -> e.answeredAt() == null);
            if (echoes.isEmpty()) {
                byUser.remove(user);
            }
        }
    }

    synchronized List<TeamsEcho> of(UserKey user) {
        List<TeamsEcho> echoes = byUser.get(user);
        return echoes == null ? List.of() : List.copyOf(echoes);
    }

    /** Drops the writes a read sent at {@code readStartedAt} has settled. */
    synchronized void settle(UserKey user, Instant readStartedAt) {
        List<TeamsEcho> echoes = byUser.get(user);
        if (echoes != null) {
            echoes.removeIf(e -> e.settledBy(readStartedAt));
            if (echoes.isEmpty()) {
                byUser.remove(user);
            }
        }
    }
}
