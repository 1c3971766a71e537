package io.presencehub.teams.push;

import io.presencehub.teams.GraphCall;
import io.presencehub.teams.GraphRequests;
import io.presencehub.teams.RequestBudget;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The users that notifications named, gathered for {@code hub.teams.push-coalesce} (the timer of route
 * {@code teams-push-read}) and then read with getPresencesByUserId, at most 650 ids a request and within the shared
 * request budget; what the budget does not allow now waits for the next tick. The answers take the poll's path.
 */
public final class PushReads {

    private final GraphRequests requests;
    private final RequestBudget budget;
    private final Clock clock;
    private final Set<String> pending = new LinkedHashSet<>();

    public PushReads(GraphRequests requests, RequestBudget budget, Clock clock) {
        this.requests = requests;
        this.budget = budget;
        this.clock = clock;
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
            calls.add(requests.poll(chunk, now, ticket));
        }
        return calls;
    }
}
