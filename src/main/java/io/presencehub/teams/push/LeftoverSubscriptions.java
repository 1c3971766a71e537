package io.presencehub.teams.push;

import io.presencehub.teams.GraphAnswer;
import io.presencehub.teams.GraphCall;
import io.presencehub.teams.RetryPolicy;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subscriptions an earlier run of the hub left for its notification URL (each would deliver every change a second
 * time): listed page by page before the first create, to be deleted. A failed list is tried again with back-off;
 * after three failures the hub goes on without (what was left expires within the hour). Guarded by
 * {@link PushSubscriptions}.
 */
final class LeftoverSubscriptions {

    private static final Logger LOG = LoggerFactory.getLogger(LeftoverSubscriptions.class);
    static final int MAX_FAILURES = 3;

    private final SubscriptionRequests requests;
    private final RetryPolicy retry;
    private boolean done;
    private boolean asking;
    private String nextPage;
    private int failures;
    private Instant retryAt = Instant.MIN;

    LeftoverSubscriptions(SubscriptionRequests requests, RetryPolicy retry) {
        this.requests = requests;
        this.retry = retry;
    }

    /** Whether the list is read (or given up): creates may start. */
    boolean done() {
        return done;
    }

    /** The next page's request, when one is owed now. */
    Optional<GraphCall> due(Instant now) {
        if (done || asking || now.isBefore(retryAt)) {
            return Optional.empty();
        }
        asking = true;
        return Optional.of(nextPage == null ? requests.list(now) : requests.listPage(nextPage, now));
    }

    /** The ids on this page that deliver to this hub; after a failure none, and the page is asked again later. */
    List<String> answered(GraphAnswer answer, Instant now) {
        asking = false;
        if (!answer.ok()) {
            failures++;
            if (failures >= MAX_FAILURES) {
                LOG.warn("Teams push: subscriptions of an earlier run not listed ({}); going on without deleting"
                        + " them (they expire within the hour)", answer.describe());
                done = true;
            } else {
                retryAt = now.plus(retry.delay(failures, answer.retryAfter()));
            }
            return List.of();
        }
        nextPage = SubscriptionAnswers.nextLink(answer).orElse(null);
        done = nextPage == null;
        return SubscriptionAnswers.listed(answer, requests::ours);
    }

    /** Without a sign-in: listed again after the next one. */
    void reset() {
        done = false;
        asking = false;
        nextPage = null;
        failures = 0;
        retryAt = Instant.MIN;
    }
}
