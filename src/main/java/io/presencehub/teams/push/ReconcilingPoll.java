package io.presencehub.teams.push;

import io.presencehub.teams.PollSelection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The poll beside push: users whose subscription works are read only every {@code hub.teams.reconcile-interval}
 * (subscriptions are known to stop silently); everyone else, a chunk whose subscription failed included, every poll
 * interval as before.
 */
public final class ReconcilingPoll implements PollSelection {

    private final PushSubscriptions subscriptions;
    private final Duration interval;
    private final Clock clock;
    private Instant lastReconcile;

    public ReconcilingPoll(PushSubscriptions subscriptions, Duration interval, Clock clock) {
        this.subscriptions = subscriptions;
        this.interval = interval;
        this.clock = clock;
        this.lastReconcile = clock.instant();
    }

    @Override
    public synchronized List<String> due(List<String> ids) {
        Instant now = clock.instant();
        if (!now.isBefore(lastReconcile.plus(interval))) {
            lastReconcile = now;
            return ids;
        }
        return subscriptions.notPushed(ids);
    }

    @Override
    public boolean pushed(String graphId) {
        return subscriptions.pushes(graphId);
    }

    @Override
    public Duration pushedReadInterval() {
        return interval;
    }
}
