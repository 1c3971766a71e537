package io.presencehub.teams.push;

import io.presencehub.teams.GraphAnswer;
import io.presencehub.teams.GraphAuthException;
import io.presencehub.teams.GraphCall;
import io.presencehub.teams.RetryPolicy;
import io.presencehub.teams.signin.DelegatedTokens;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one Graph subscription per chunk of at most 650 matched users (bean {@code teamsSubscriptions}): creates,
 * renews well before expiry, re-creates what Graph lost, replaces the chunks a directory change touched and deletes
 * what is no longer needed, one call per chunk at a time, with back-off after a failure. Without a working sign-in
 * it holds none, and every user is polled. It also checks incoming notifications (known subscription, right
 * clientState) and acts on lifecycle events.
 */
public final class PushSubscriptions {

    private static final Logger LOG = LoggerFactory.getLogger(PushSubscriptions.class);
    public static final int MAX_IDS = 650;
    /** Graph allows at most 60 minutes ahead; a little less leaves room for clocks that differ. */
    static final Duration LIFETIME = Duration.ofMinutes(55);
    static final Duration RENEW_BEFORE = Duration.ofMinutes(15);
    static final Duration CREATE_GRACE = Duration.ofSeconds(30);

    private enum Kind { LIST, CREATE, RENEW, DELETE }

    private record Pending(Kind kind, PushChunk chunk, String subscriptionId, Instant expiry) {
    }

    private static final Pending LISTING = new Pending(Kind.LIST, null, null, null);

    private final DelegatedTokens tokens;
    private final Supplier<List<String>> wanted;
    private final SubscriptionRequests requests;
    private final RetryPolicy retry;
    private final Clock clock;
    private final Map<Integer, PushChunk> chunks = new LinkedHashMap<>();
    private final Map<String, PushChunk> byUser = new HashMap<>();
    private final Map<String, PushChunk> bySubscription = new HashMap<>();
    private final Map<GraphCall, Pending> inFlight = new IdentityHashMap<>();
    private final Set<String> orphans = new LinkedHashSet<>();
    private final NotificationDrops drops = new NotificationDrops();
    private final LeftoverSubscriptions leftovers;
    private List<String> plannedFor = List.of();
    private int lastKey;
    private volatile Consumer<Collection<String>> readNow = ids -> { };
    private final AtomicBoolean freshToken = new AtomicBoolean();

    /** @param wanted the Graph ids of every matched user, in a stable order */
    public PushSubscriptions(DelegatedTokens tokens, Supplier<List<String>> wanted, SubscriptionRequests requests,
                             RetryPolicy retry, Clock clock) {
        this.tokens = tokens;
        this.wanted = wanted;
        this.requests = requests;
        this.retry = retry;
        this.leftovers = new LeftoverSubscriptions(requests, retry);
        this.clock = clock;
    }

    /** Where a new subscription's users and a {@code missed} lifecycle event's are sent to be read at once. */
    public void readsWith(Consumer<Collection<String>> reader) {
        this.readNow = reader;
    }

    /**
     * The calls owed now: creates, renewals and deletes, at most one per chunk in flight. After a
     * {@code reauthorizationRequired} the cached delegated token is dropped first (outside the lock: a refresh is a
     * call to the token host), so the renewal carries a fresh one.
     */
    public List<GraphCall> dueCalls() {
        if (freshToken.getAndSet(false)) {
            try {
                tokens.invalidate(tokens.accessToken());
            } catch (GraphAuthException e) {
                LOG.debug("Teams push: no delegated token to replace ({})", e.getMessage());
            }
        }
        return plannedCalls();
    }

    private synchronized List<GraphCall> plannedCalls() {
        Instant now = clock.instant();
        List<GraphCall> calls = new ArrayList<>();
        if (!tokens.signedIn()) {
            forgetAll();
            return calls;
        }
        if (!leftovers.done()) {
            // what an earlier run left is deleted before anything is created
            leftovers.due(now).ifPresent(call -> send(calls, call, LISTING));
            return calls;
        }
        replan();
        for (PushChunk chunk : chunks.values()) {
            if (chunk.busy || now.isBefore(chunk.retryAt)) {
                continue;
            }
            if (chunk.subscriptionId == null) {
                Instant expiry = now.plus(LIFETIME);
                send(calls, requests.create(chunk.ids, chunk.newClientState(), expiry, now),
                        new Pending(Kind.CREATE, chunk, null, expiry));
            } else if (chunk.renewDue(now, RENEW_BEFORE)) {
                Instant expiry = now.plus(LIFETIME);
                send(calls, requests.renew(chunk.subscriptionId, expiry, now),
                        new Pending(Kind.RENEW, chunk, chunk.subscriptionId, expiry));
            }
        }
        for (String id : orphans) {
            send(calls, requests.delete(id, now), new Pending(Kind.DELETE, null, id, null));
        }
        orphans.clear();
        return calls;
    }

    /** Takes Graph's answer to one of {@link #dueCalls()}'s calls; never throws. */
    public synchronized void onAnswer(GraphAnswer answer) {
        Pending pending = inFlight.remove(answer.call());
        if (pending == null) {
            return;
        }
        if (pending.kind() == Kind.LIST) {
            orphans.addAll(leftovers.answered(answer, clock.instant()));
            return;
        }
        if (pending.kind() == Kind.DELETE) {
            LOG.debug("Teams push: subscription {} deleted ({})", pending.subscriptionId(), answer.describe());
            return;
        }
        PushChunk chunk = pending.chunk();
        chunk.busy = false;
        boolean current = chunks.get(chunk.key) == chunk;
        Instant now = clock.instant();
        if (pending.kind() == Kind.CREATE) {
            created(answer, pending, chunk, current, now);
        } else if (answer.ok()) {
            chunk.renewed(SubscriptionAnswers.expiry(answer).orElse(pending.expiry()));
            LOG.debug("Teams push: subscription {} renewed until {}", chunk.subscriptionId, chunk.expiresAt);
        } else if (answer.outcome().is(404)) {
            bySubscription.remove(pending.subscriptionId());
            chunk.lost("subscription " + pending.subscriptionId() + " missing at Graph (404): created again", now);
            LOG.info("Teams push: subscription {} is gone at Graph; creating it again", pending.subscriptionId());
        } else {
            failed(chunk, "renewing subscription " + pending.subscriptionId() + " failed: " + answer.describe(),
                    answer, now);
        }
    }

    /**
     * The users of a notification's subscription when it is one of the hub's and carries its clientState; anything
     * else is dropped and logged once per subscription id.
     */
    public synchronized Optional<Set<String>> accepted(String subscriptionId, String clientState) {
        PushChunk chunk = subscriptionId == null ? null : bySubscription.get(subscriptionId);
        if (chunk != null && clientState != null && sameSecret(clientState, chunk.clientState)) {
            return Optional.of(chunk.ids);
        }
        drops.dropped(subscriptionId, chunk != null);
        return Optional.empty();
    }

    /** The drops logged so far (each once): bounded, whatever callers send. */
    synchronized Set<String> reported() {
        return drops.reported();
    }

    /** A lifecycle event of one of the hub's subscriptions (already {@link #accepted}). */
    public synchronized void lifecycle(String subscriptionId, String event) {
        PushChunk chunk = bySubscription.get(subscriptionId);
        if (chunk == null) {
            return;
        }
        switch (event == null ? "" : event) {
            case "reauthorizationRequired" -> {
                freshToken.set(true);
                chunk.renewNow = true;
                chunk.retryAt = Instant.MIN;
            }
            case "subscriptionRemoved" -> {
                bySubscription.remove(subscriptionId);
                chunk.lost("subscription " + subscriptionId + " removed by Graph: created again", clock.instant());
            }
            case "missed" -> readNow.accept(chunk.ids);
            default -> LOG.debug("Teams push: lifecycle event {} of {} ignored", event, subscriptionId);
        }
        LOG.info("Teams push: lifecycle event {} for subscription {}", event, subscriptionId);
    }

    /** After a sign-in: failed chunks try again at once. */
    public synchronized void signedIn() {
        chunks.values().forEach(chunk -> chunk.retryAt = Instant.MIN);
    }

    /** Of these Graph users, those whose changes are not pushed now (one look under the lock for a whole poll). */
    public synchronized List<String> notPushed(List<String> graphIds) {
        Instant now = clock.instant();
        return graphIds.stream().filter(id -> {
            PushChunk chunk = byUser.get(id);
            return chunk == null || !chunk.healthy(now);
        }).toList();
    }

    /** Whether a change of this Graph user is pushed now (a healthy subscription covers them). */
    public boolean pushes(String graphId) {
        return notPushed(List.of(graphId)).isEmpty();
    }

    /** What health and the admin page show; a create that has taken over {@link #CREATE_GRACE} counts as failing. */
    public synchronized PushState state() {
        Instant now = clock.instant();
        List<String> failures = new ArrayList<>();
        Instant earliest = null;
        int healthy = 0;
        for (PushChunk chunk : chunks.values()) {
            if (chunk.healthy(now)) {
                healthy++;
                earliest = earliest == null || chunk.expiresAt.isBefore(earliest) ? chunk.expiresAt : earliest;
            } else if (chunk.failure != null) {
                failures.add(chunk.failure);
            } else if (chunk.waitingSince != null && chunk.waitingSince.isBefore(now.minus(CREATE_GRACE))) {
                failures.add("no subscription for " + chunk.ids.size() + " users since " + chunk.waitingSince);
            }
        }
        return new PushState(chunks.size(), healthy, Optional.ofNullable(earliest), failures);
    }

    private void created(GraphAnswer answer, Pending pending, PushChunk chunk, boolean current, Instant now) {
        Optional<String> id = answer.ok() ? SubscriptionAnswers.id(answer) : Optional.empty();
        if (id.isEmpty()) {
            failed(chunk, "creating a subscription for " + chunk.ids.size() + " users failed: "
                    + answer.describe(), answer, now);
            return;
        }
        if (!current) {
            orphans.add(id.get()); // the chunk changed while the create was on its way
            return;
        }
        chunk.subscribed(id.get(), SubscriptionAnswers.expiry(answer).orElse(pending.expiry()));
        bySubscription.put(id.get(), chunk);
        // Graph notifies only changes from now on: one read gives the baseline and whatever changed before
        readNow.accept(chunk.ids);
        LOG.info("Teams push: subscription {} for {} users until {}", id.get(), chunk.ids.size(), chunk.expiresAt);
    }

    private void failed(PushChunk chunk, String why, GraphAnswer answer, Instant now) {
        if (!why.equals(chunk.failure)) {
            LOG.warn("Teams push: {}; polling covers these users until it works", why);
        }
        chunk.failed(why, now.plus(retry.delay(chunk.attempts + 1, answer.retryAfter())));
    }

    /** The chunks for the users matched now; changed and departed chunks give their subscriptions up. */
    private void replan() {
        List<String> ids = wanted.get();
        if (ids.equals(plannedFor)) {
            return;
        }
        plannedFor = List.copyOf(ids);
        List<SubscriptionPlan.Chunk> current = chunks.values().stream()
                .map(chunk -> new SubscriptionPlan.Chunk(chunk.key, chunk.ids)).toList();
        Map<Integer, PushChunk> before = new LinkedHashMap<>(chunks);
        chunks.clear();
        byUser.clear();
        for (SubscriptionPlan.Chunk planned : SubscriptionPlan.next(current, ids, MAX_IDS, () -> ++lastKey)) {
            PushChunk old = before.remove(planned.key());
            PushChunk chunk = old != null && old.ids.equals(planned.ids()) ? old : new PushChunk(planned.key(),
                    planned.ids(), clock.instant());
            if (old != null && old != chunk) {
                giveUp(old);
            }
            chunks.put(chunk.key, chunk);
            chunk.ids.forEach(id -> byUser.put(id, chunk));
        }
        before.values().forEach(this::giveUp);
    }

    private void giveUp(PushChunk chunk) {
        if (chunk.subscriptionId != null) {
            bySubscription.remove(chunk.subscriptionId);
            orphans.add(chunk.subscriptionId);
        }
    }

    /** Without a sign-in nothing can be renewed: the hub forgets its subscriptions (Graph ends them at expiry). */
    private void forgetAll() {
        leftovers.reset();
        if (chunks.isEmpty()) {
            return;
        }
        LOG.info("Teams push: no read-access sign-in ({}); {} subscriptions dropped, polling covers everyone",
                tokens.problem(), bySubscription.size());
        chunks.clear();
        byUser.clear();
        bySubscription.clear();
        inFlight.clear();
        orphans.clear();
        plannedFor = List.of();
    }

    private void send(List<GraphCall> calls, GraphCall call, Pending pending) {
        if (pending.chunk() != null) {
            pending.chunk().busy = true;
        }
        inFlight.put(call, pending);
        calls.add(call);
    }

    private static boolean sameSecret(String given, String expected) {
        return expected != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8));
    }
}
