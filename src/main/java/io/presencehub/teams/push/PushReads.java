package io.presencehub.teams.push;

import io.presencehub.teams.GraphAnswer;
import io.presencehub.teams.GraphCall;
import io.presencehub.teams.GraphRequests;
import io.presencehub.teams.RequestBudget;
import io.presencehub.teams.RetryPolicy;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The users that notifications named, gathered for {@code hub.teams.push-coalesce} (the timer of route
 * {@code teams-push-read}) and then read with getPresencesByUserId, at most 650 ids a request and within the shared
 * request budget; what the budget does not allow now waits for the next tick. The answers take the poll's path; a
 * read that failed (429, 5xx, no answer) is asked again after a back-off, not left to the reconciling poll.
 */
public final class PushReads {

    private final GraphRequests requests;
    private final RequestBudget budget;
    private final RetryPolicy retry;
    private final Clock clock;
    private final Consumer<GraphAnswer> reader;
    private final Set<String> pending = new LinkedHashSet<>();
    private final Map<GraphCall, List<String>> inFlight = new IdentityHashMap<>();
    private Instant pausedUntil = Instant.MIN;
    private int failures;

    /** @param reader where the answers go: the poller's {@code onAnswer} */
    public PushReads(GraphRequests requests, RequestBudget budget, RetryPolicy retry, Clock clock,
                     Consumer<GraphAnswer> reader) {
        this.requests = requests;
        this.budget = budget;
        this.retry = retry;
        this.clock = clock;
        this.reader = reader;
    }

    /** One read's answer: to the poller; after a failure its users wait for the next attempt. */
    public void onAnswer(GraphAnswer answer) {
        synchronized (this) {
            List<String> ids = inFlight.remove(answer.call());
            if (answer.ok()) {
                failures = 0;
            } else if (ids != null) {
                failures++;
                pending.addAll(ids);
                pausedUntil = clock.instant().plus(retry.delay(failures, answer.retryAfter()));
            }
        }
        reader.accept(answer);
    }

    /** Users whose presence changed (or may have: a missed notification); read at the next tick. */
    public synchronized void notified(Collection<String> graphIds) {
        pending.addAll(graphIds);
    }

    /** Users waiting to be read. */
    public synchronized int pendingCount() {
        return pending.size();
    }

    /** The reads owed now. */
    public synchronized List<GraphCall> dueCalls() {
        List<GraphCall> calls = new ArrayList<>();
        Instant now = clock.instant();
        if (now.isBefore(pausedUntil)) {
            return calls;
        }
        while (!pending.isEmpty()) {
            RequestBudget.Ticket ticket = budget.tryTake();
            if (ticket == null) {
                return calls;
            }
            List<String> chunk = new ArrayList<>(PushSubscriptions.MAX_IDS);
            Iterator<String> it = pending.iterator();
            while (chunk.size() < PushSubscriptions.MAX_IDS && it.hasNext()) {
                chunk.add(it.next());
                it.remove();
            }
            GraphCall call = requests.poll(chunk, now, ticket);
            inFlight.put(call, chunk);
            calls.add(call);
        }
        return calls;
    }
}
