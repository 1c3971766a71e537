package io.presencehub.teams;

import io.presencehub.model.StateChange;
import io.presencehub.model.UserKey;
import io.presencehub.store.Observation;
import io.presencehub.store.ObservationFormatException;
import io.presencehub.store.StateStore;
import io.presencehub.sync.PresenceApplier;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings Teams to what the hub wants, one user at a time and coalesced: a user's latest target replaces any target
 * not yet sent, so only the latest is ever written. Nothing is lost: the target follows from the durable hub state,
 * and what Graph accepted ({@link TeamsHeld}) is stored after each write, so after an outage or a restart the hub
 * still knows every write it owes. Failed writes wait for Retry-After or a jittered back-off; a 429 pauses all
 * presence requests.
 */
public final class TeamsWriter {

    private static final Logger LOG = LoggerFactory.getLogger(TeamsWriter.class);
    static final String KIND_HELD = "teams-held";
    private static final Duration RENEWAL_SCAN = Duration.ofSeconds(1);
    /** How often a write Graph refused for a missing permission (403) is tried again. */
    static final Duration PERMISSION_RETRY = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Graph's dateTimeTimeZone text: always with seconds ({@code LocalDateTime.toString} drops ":00"). */
    private static final DateTimeFormatter GRAPH_DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

    /** One user's writing state; guarded by the writer's lock. */
    private static final class Slot {
        TeamsTarget target;
        TeamsHeld held = TeamsHeld.NOTHING;
        /** The Graph account {@link #held} is about: after an e-mail change the new account holds nothing. */
        String heldFor;
        String sendingTo;
        boolean inFlight;
        Instant dueAt = Instant.MIN;
        int attempts;
        TeamsTarget rejected;
    }

    private final GraphSettings settings;
    private final TeamsUsers users;
    private final TeamsSessionResolver targets;
    private final TeamsWriteResolver writes;
    private final RequestBudget budget;
    private final RetryPolicy retry;
    private final PresenceApplier applier;
    private final TeamsPoller poller;
    private final StateStore store;
    private final Clock clock;
    private final int maxBatch;
    private final Duration window;

    private final Object lock = new Object();
    private final Map<UserKey, Slot> slots = new HashMap<>();
    private final Set<UserKey> pending = new LinkedHashSet<>();
    private Instant lastRenewalScan = Instant.MIN;
    private String lastFailure;

    public TeamsWriter(GraphSettings settings, TeamsUsers users, TeamsSessionResolver targets,
                       TeamsWriteResolver writes, RequestBudget budget, RetryPolicy retry, PresenceApplier applier,
                       TeamsPoller poller, StateStore store, Clock clock, int maxBatch, Duration window) {
        this.settings = settings;
        this.users = users;
        this.targets = targets;
        this.writes = writes;
        this.budget = budget;
        this.retry = retry;
        this.applier = applier;
        this.poller = poller;
        this.store = store;
        this.clock = clock;
        this.maxBatch = maxBatch;
        this.window = window;
        store.loadObservations(KIND_HELD).values().forEach(o -> TeamsPoller.parseKey(o.key())
                .ifPresent(key -> {
                    Slot slot = slot(key);
                    TeamsHeldCodec.AccountHeld stored = storedHeld(o);
                    slot.held = stored.held();
                    slot.heldFor = stored.graphId();
                }));
        users.addMatchListener(this::reconcile);
    }

    /** Fan-out step: a stored change. Only records the new target; returns at once and never throws. */
    public void stateChanged(StateChange change) {
        try {
            if (users.graphId(change.user()).isEmpty()) {
                return;
            }
            TeamsTarget target = targets.targetFor(change.after());
            synchronized (lock) {
                Slot slot = slot(change.user());
                slot.target = target;
                if (!slot.inFlight && slot.attempts == 0) {
                    slot.dueAt = Instant.MIN;
                }
                pending.add(change.user());
            }
        } catch (RuntimeException e) {
            LOG.warn("Teams: change of {} not queued: {}", change.user(), e.toString());
        }
    }

    /** Compares every given user's target with what Teams holds (at start, and for newly matched users). */
    public void reconcile(Collection<UserKey> keys) {
        for (UserKey key : keys) {
            try {
                TeamsTarget target = targets.targetFor(applier.current(key));
                synchronized (lock) {
                    slot(key).target = target;
                    pending.add(key);
                }
            } catch (RuntimeException e) {
                LOG.debug("Teams: {} not reconciled: {}", key, e.toString());
            }
        }
    }

    /** Every matched user: called once the routes run. */
    public void reconcileAll() {
        reconcile(List.copyOf(users.matchedUsers()));
    }

    /** The writes due now, as many as the budget allows (at most one in flight per user). */
    public List<GraphCall> dueCalls() {
        List<GraphCall> calls = new ArrayList<>();
        try {
            Instant now = clock.instant();
            int pollReserve = poller.reserveFor(window, budget.limit());
            synchronized (lock) {
                scanRenewals(now);
                Iterator<UserKey> it = pending.iterator();
                while (it.hasNext() && calls.size() < maxBatch) {
                    UserKey user = it.next();
                    Slot slot = slots.get(user);
                    if (slot == null || slot.target == null) {
                        it.remove();
                        continue;
                    }
                    if (slot.inFlight || now.isBefore(slot.dueAt)) {
                        continue;
                    }
                    Optional<String> graphId = users.graphId(user);
                    Optional<TeamsWrite> write;
                    String account;
                    if (slot.heldFor != null && slot.held.session().isPresent()
                            && !graphId.equals(Optional.of(slot.heldFor))) {
                        // the e-mail moved to another account (or went away): end the session on the old one
                        account = slot.heldFor;
                        write = Optional.of(TeamsWrite.clear());
                    } else if (graphId.isEmpty() || slot.target.equals(slot.rejected)) {
                        account = null;
                        write = Optional.empty();
                    } else {
                        account = graphId.get();
                        write = writes.next(slot.target, heldIn(slot, account), now);
                    }
                    if (write.isEmpty()) {
                        it.remove();
                        continue;
                    }
                    RequestBudget.Ticket ticket = budget.tryTake(pollReserve);
                    if (ticket == null) {
                        break;
                    }
                    slot.inFlight = true;
                    slot.sendingTo = account;
                    if (write.get().kind() != TeamsWrite.Kind.SET_STATUS_MESSAGE) {
                        poller.writeSent(user, Optional.ofNullable(write.get().pair()), now);
                    }
                    calls.add(call(user, account, write.get(), now, ticket));
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Teams: writes not scheduled: {}", e.toString());
        }
        return calls;
    }

    /** Takes a write's answer; never throws. */
    public void onAnswer(GraphAnswer answer) {
        try {
            handle(answer);
        } catch (RuntimeException e) {
            LOG.warn("Teams: answer to {} not handled: {}", answer.call(), e.toString());
        }
    }

    /** How many users still wait for a write (for tests and the benchmark). */
    public int pendingCount() {
        synchronized (lock) {
            return (int) pending.stream().filter(u -> {
                Slot s = slots.get(u);
                Optional<String> id = users.graphId(u);
                return s != null && s.target != null && id.isPresent() && !s.target.equals(s.rejected)
                        && writes.next(s.target, heldIn(s, id.get()), clock.instant()).isPresent();
            }).count();
        }
    }

    /** What the hub holds in Teams for a user (for tests). */
    public TeamsHeld held(UserKey user) {
        synchronized (lock) {
            Slot slot = slots.get(user);
            return slot == null ? TeamsHeld.NOTHING : slot.held;
        }
    }

    private void handle(GraphAnswer answer) {
        GraphCall call = answer.call();
        UserKey user = call.user();
        TeamsWrite write = call.write();
        Instant now = clock.instant();
        boolean gone = write.kind() == TeamsWrite.Kind.CLEAR_PRESENCE && answer.status() == 404;
        if (write.kind() != TeamsWrite.Kind.SET_STATUS_MESSAGE) {
            // first of all: a write that may have been applied (accepted, or lost in a timeout or a 5xx) is settled
            // by a poll sent from now on; a refused one (no token, 4xx) changed nothing and explains no read
            if (answer.ok() || gone || answer.status() == 0 || answer.status() >= 500) {
                poller.writeAnswered(user, now);
            } else {
                poller.writeRefused(user);
            }
        }
        synchronized (lock) {
            Slot slot = slot(user);
            slot.inFlight = false;
            if (answer.ok() || gone) {
                slot.attempts = 0;
                slot.dueAt = Instant.MIN;
                TeamsHeld before = heldIn(slot, slot.sendingTo);
                slot.heldFor = slot.sendingTo;
                slot.held = switch (write.kind()) {
                    case SET_PRESENCE -> before.withSession(write.pair(),
                            call.sentAt().plus(settings.sessionExpiration()));
                    case CLEAR_PRESENCE -> before.withoutSession();
                    case SET_STATUS_MESSAGE -> before.withMessage(write.message());
                };
                pending.add(user); // maybe the message is still owed, or the target moved on meanwhile
                lastFailure = null;
            } else if (RetryPolicy.isRetryable(answer.status()) || answer.status() == GraphAnswer.NO_TOKEN
                    || answer.status() == 401) {
                slot.attempts++;
                Duration wait = retry.delay(slot.attempts, answer.retryAfter());
                slot.dueAt = now.plus(wait);
                if (RetryPolicy.pausesEveryone(answer.status())) {
                    budget.pauseUntil(now.plus(wait));
                }
                pending.add(user);
                report("Teams write " + write.kind() + " failed (" + answer.describe() + "); retrying", user, wait);
                return;
            } else if (answer.status() == 403) {
                // a permission an admin has yet to grant: not this write's fault, so it is owed until it goes through
                slot.attempts++;
                slot.dueAt = now.plus(PERMISSION_RETRY);
                pending.add(user);
                report("Teams write " + write.kind() + " forbidden (" + answer.describe() + "); retrying every "
                        + PERMISSION_RETRY.toMinutes() + " min until the permission is granted", user, PERMISSION_RETRY);
                return;
            } else {
                slot.attempts = 0;
                slot.rejected = slot.target;
                String rejection = "Teams: Graph rejected " + write.kind() + " (" + answer.describe()
                        + "); not retried until the user's state changes";
                if (rejection.equals(lastFailure)) {
                    LOG.debug("{} (also {})", rejection, user);
                } else {
                    LOG.warn("{} (first: {})", rejection, user);
                    lastFailure = rejection;
                }
                return;
            }
            store.saveObservation(new Observation(KIND_HELD, user.asText(), TeamsHeldCodec.encode(slot.held, slot.heldFor),
                    now));
        }
        LOG.debug("Teams: {} {} for {} done", write.kind(), write.pair() == null ? "" : write.pair().text(), user);
    }

    private void report(String failure, UserKey user, Duration wait) {
        if (!failure.equals(lastFailure)) {
            LOG.warn("{} (first: {}, next try in {} ms)", failure, user, wait.toMillis());
            lastFailure = failure;
        }
    }

    private void scanRenewals(Instant now) {
        if (now.isBefore(lastRenewalScan.plus(RENEWAL_SCAN))) {
            return;
        }
        lastRenewalScan = now;
        slots.forEach((user, slot) -> {
            Instant due = writes.renewalDue(slot.held);
            if (due != null && !now.isBefore(due) && slot.target != null) {
                pending.add(user);
            }
        });
    }

    private GraphCall call(UserKey user, String graphId, TeamsWrite write, Instant now, RequestBudget.Ticket ticket) {
        String base = settings.graphUrl() + "/users/" + graphId + "/presence/";
        ObjectNode body = JSON.createObjectNode();
        String path;
        switch (write.kind()) {
            case SET_PRESENCE -> {
                path = "setPresence";
                body.put("sessionId", settings.clientId()).put("availability", write.pair().availability())
                        .put("activity", write.pair().activity())
                        .put("expirationDuration", settings.sessionExpiration().toString());
            }
            case CLEAR_PRESENCE -> {
                path = "clearPresence";
                body.put("sessionId", settings.clientId());
            }
            default -> {
                path = "setStatusMessage";
                ObjectNode status = body.putObject("statusMessage");
                status.putObject("message").put("content", write.message().text()).put("contentType", "text");
                Instant expiry = write.message().expiry();
                if (expiry != null && expiry.isAfter(now)) {
                    status.putObject("expiryDateTime")
                            .put("dateTime", GRAPH_DATE_TIME.format(LocalDateTime.ofInstant(expiry, ZoneOffset.UTC)))
                            .put("timeZone", "UTC");
                }
            }
        }
        return new GraphCall(GraphCall.Purpose.WRITE, "POST", base + path, body.toString(), user, write, true, now,
                ticket);
    }

    private static TeamsHeld heldIn(Slot slot, String graphId) {
        return graphId != null && graphId.equals(slot.heldFor) ? slot.held : TeamsHeld.NOTHING;
    }

    private Slot slot(UserKey user) {
        return slots.computeIfAbsent(user, k -> new Slot());
    }

    /** An unreadable row means "unknown": the next reconcile writes again, which is harmless. */
    private static TeamsHeldCodec.AccountHeld storedHeld(Observation row) {
        try {
            return TeamsHeldCodec.decode(row.value());
        } catch (ObservationFormatException e) {
            LOG.debug("Teams: held state of {} not readable ({}); written again", row.key(), e.getMessage());
            return TeamsHeldCodec.AccountHeld.NOTHING;
        }
    }

    @Override
    public String toString() {
        return "TeamsWriter[" + Objects.toString(settings.graphUrl()) + "]";
    }
}
