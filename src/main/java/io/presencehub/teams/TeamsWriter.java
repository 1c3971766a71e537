package io.presencehub.teams;

import io.presencehub.calls.CallListener;
import io.presencehub.calls.CallStates;
import io.presencehub.decisions.DecisionLog;
import io.presencehub.decisions.World;
import io.presencehub.model.Origin;
import io.presencehub.model.StateChange;
import io.presencehub.model.UserKey;
import io.presencehub.store.Observation;
import io.presencehub.store.StateStore;
import io.presencehub.sync.PresenceApplier;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime of Teams writes: keeps each user's writing state, asks {@link TeamsWriteRules} what is owed now, takes
 * the budget's tickets, does the echo bookkeeping, stores what Graph accepted ({@link TeamsHeld}) and logs failures
 * once. A user's latest target replaces any target not yet sent, so only the latest is ever written. Nothing is lost:
 * the target follows from the durable hub state and what Graph holds is stored after each write, so after an outage or
 * a restart the hub still knows every write it owes. A user going on or off the phone re-targets the user the same
 * way (the call session), so a ring-and-hang-up burst sends only the latest wanted session, or nothing when Graph
 * already holds it.
 */
public final class TeamsWriter implements CallListener {

    private static final Logger LOG = LoggerFactory.getLogger(TeamsWriter.class);
    static final String KIND_HELD = "teams-held";
    private static final Duration RENEWAL_SCAN = Duration.ofSeconds(1);

    /** One user's writing state; guarded by the writer's lock. */
    private static final class Slot {
        TeamsTarget target;
        TeamsHeld held = TeamsHeld.NOTHING;
        String heldFor;
        String sendingTo;
        boolean inFlight;
        Instant dueAt = Instant.MIN;
        int attempts;
        TeamsTarget rejected;

        TeamsWriteRules.Writing writing() {
            return new TeamsWriteRules.Writing(target, held, heldFor, inFlight, dueAt, rejected);
        }
    }

    private final TeamsSettings settings;
    private final TeamsWriteRules rules;
    private final GraphRequests requests;
    private final TeamsUsers users;
    private final TeamsPoller poller;
    private final RequestBudget budget;
    private final PresenceApplier applier;
    private final CallStates calls;
    private final StateStore store;
    private final Clock clock;
    private final DecisionLog decisions;

    private final Object lock = new Object();
    private final Map<UserKey, Slot> slots = new HashMap<>();
    private final Set<UserKey> pending = new LinkedHashSet<>();
    private Instant lastRenewalScan = Instant.MIN;
    private final TeamsWriteFailures failures;

    /**
     * @param poller  takes the echo bookkeeping of session writes
     * @param applier the hub state the targets follow
     * @param calls   who is on the phone (the call session)
     * @param store   where what Graph holds is kept
     */
    public TeamsWriter(TeamsSettings settings, TeamsWriteRules rules, TeamsUsers users, TeamsPoller poller,
                       RequestBudget budget, PresenceApplier applier, CallStates calls, StateStore store, Clock clock,
                       DecisionLog decisions) {
        this.decisions = decisions;
        this.failures = new TeamsWriteFailures(decisions);
        this.settings = settings;
        this.rules = rules;
        this.requests = GraphRequests.of(settings);
        this.users = users;
        this.poller = poller;
        this.budget = budget;
        this.applier = applier;
        this.calls = calls;
        this.store = store;
        this.clock = clock;
        store.loadObservations(KIND_HELD).values().forEach(o -> UserKey.fromText(o.key())
                .ifPresent(key -> {
                    Slot slot = slot(key);
                    TeamsHeldCodec.AccountHeld stored = TeamsHeldCodec.decodeOrNothing(o);
                    slot.held = stored.held();
                    slot.heldFor = stored.graphId();
                }));
        users.addMatchListener(this::reconcile);
        poller.ownSessionsFrom(this::heldSession);
        poller.notes().heldMessagesFrom(user -> held(user).message());
    }

    /** Fan-out step: a stored change. Only records the new target; returns at once and never throws. */
    public void stateChanged(StateChange change) {
        try {
            if (users.graphId(change.user()).isEmpty()) {
                return;
            }
            synchronized (lock) {
                Slot slot = slot(change.user());
                // read under the lock: a phone change re-targets under it too, so the later of both wins
                slot.target = rules.targetFor(change.after(), calls.onThePhone(change.user()));
                decisions.record(World.TEAMS, change.user(), "Teams to show " + slot.target.describe());
                if (change.origin() == Origin.TEAMS && change.noteChanged()) {
                    teamsShowsMessage(change.user(), slot);
                }
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
                synchronized (lock) {
                    // the state read under the lock too: a status change queued meanwhile is not undone
                    slot(key).target = rules.targetFor(applier.current(key), calls.onThePhone(key));
                    pending.add(key);
                }
            } catch (RuntimeException e) {
                LOG.debug("Teams: {} not reconciled: {}", key, e.toString());
            }
        }
    }

    /** The user went on or off the phone: the session follows (the latest value is read back, see CallStates). */
    @Override
    public void phoneChanged(UserKey user, boolean onThePhone) {
        if (users.graphId(user).isPresent()) {
            reconcile(List.of(user));
            TeamsTarget target;
            synchronized (lock) {
                target = slot(user).target;
            }
            decisions.record(World.CALLS, user, (onThePhone ? "on the phone" : "off the phone") + ": Teams to show "
                    + target.describe());
        }
    }

    /** The session the hub holds for the user on the Graph account the user matches now; empty for none. */
    public Optional<SessionPair> heldSession(UserKey user) {
        return held(user).session();
    }

    /** What the hub holds for the user on the Graph account the user matches now: session and status message. */
    public TeamsHeld held(UserKey user) {
        Optional<String> account = users.graphId(user);
        synchronized (lock) {
            Slot slot = slots.get(user);
            return slot == null || account.isEmpty() ? TeamsHeld.NOTHING : slot.writing().heldOn(account.get());
        }
    }

    /** How many users on the phone the hub holds the call session for: shown by health check {@code teams}. */
    public int callSessionCount() {
        Optional<SessionPair> callSession = rules.callSession();
        synchronized (lock) {
            return callSession.isEmpty() ? 0 : (int) slots.entrySet().stream()
                    .filter(e -> calls.onThePhone(e.getKey()) && e.getValue().held.session().equals(callSession))
                    .count();
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
            int pollReserve = TeamsWriteRules.pollReserve(users.graphIds().size(), settings.pollInterval(),
                    settings.requestWindow(), budget.limit());
            synchronized (lock) {
                scanRenewals(now);
                Iterator<UserKey> it = pending.iterator();
                while (it.hasNext() && calls.size() < settings.writerBatch()) {
                    UserKey user = it.next();
                    Slot slot = slots.get(user);
                    TeamsWriteRules.Owed owed = slot == null ? new TeamsWriteRules.Owed.Nothing()
                            : rules.owed(slot.writing(), users.graphId(user), now);
                    if (owed instanceof TeamsWriteRules.Owed.Nothing) {
                        it.remove();
                        continue;
                    }
                    if (!(owed instanceof TeamsWriteRules.Owed.Send send)) {
                        continue;
                    }
                    RequestBudget.Ticket ticket = budget.tryTake(pollReserve);
                    if (ticket == null) {
                        break;
                    }
                    slot.inFlight = true;
                    slot.sendingTo = send.account();
                    poller.writeSent(user, send.write(), slot.writing().heldOn(send.account()), now);
                    calls.add(requests.write(user, send.account(), send.write(), now, ticket));
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

    /** How many users still wait for a write: shown by health check {@code teams}. */
    public int pendingCount() {
        Instant now = clock.instant();
        synchronized (lock) {
            return (int) pending.stream().filter(u -> {
                Slot s = slots.get(u);
                return s != null && rules.next(s.writing(), users.graphId(u), now)
                        instanceof TeamsWriteRules.Owed.Send;
            }).count();
        }
    }

    private void handle(GraphAnswer answer) {
        GraphCall call = answer.call();
        UserKey user = call.user();
        TeamsWrite write = call.write();
        Instant now = clock.instant();
        TeamsWriteRules.AfterAnswer after;
        synchronized (lock) {
            after = rules.afterAnswer(write, answer.outcome(), slot(user).attempts + 1);
        }
        // first of all: a write that may have been applied (accepted, or lost in a timeout or a 5xx) is settled
        // by a poll sent from now on; a refused one (no token, 4xx) changed nothing and explains no read
        if (after.mayHaveApplied()) {
            poller.writeAnswered(user, now);
        } else {
            poller.writeRefused(user);
        }
        synchronized (lock) {
            Slot slot = slot(user);
            slot.inFlight = false;
            switch (after.verdict()) {
                case ACCEPTED -> {
                    slot.attempts = 0;
                    slot.dueAt = Instant.MIN;
                    hold(user, slot, slot.sendingTo,
                            rules.heldAfter(slot.writing().heldOn(slot.sendingTo), write, call.sentAt()));
                    pending.add(user); // maybe the message is still owed, or the target moved on meanwhile
                    failures.succeeded();
                }
                case RETRY -> {
                    slot.attempts++;
                    slot.dueAt = now.plus(after.retryIn());
                    if (after.pausesEveryone()) {
                        budget.pauseUntil(now.plus(after.retryIn()));
                    }
                    pending.add(user);
                    failures.retrying(write, answer, user, after.retryIn());
                    return;
                }
                case FORBIDDEN -> {
                    // a permission an admin has yet to grant: not this write's fault, so owed until it goes through
                    slot.attempts++;
                    slot.dueAt = now.plus(after.retryIn());
                    pending.add(user);
                    failures.forbidden(write, answer, user, after.retryIn());
                    return;
                }
                case REJECTED -> {
                    slot.attempts = 0;
                    slot.rejected = slot.target;
                    failures.rejected(write, answer, user);
                    return;
                }
            }
        }
        LOG.debug("Teams: {} {} for {} done", write.kind(), write.pair() == null ? "" : write.pair().text(), user);
    }

    /**
     * The note came from the Teams status message, shown there already: held as if written, for writing it back could
     * undo a message typed meanwhile. Not while a session is held on another account (e-mail change): that comes first.
     */
    private void teamsShowsMessage(UserKey user, Slot slot) {
        Optional<String> account = users.graphId(user);
        if (slot.target.message() != null && account.isPresent()
                && (slot.heldFor == null || slot.heldFor.equals(account.get()))) {
            hold(user, slot, account.get(), slot.writing().heldOn(account.get()).withMessage(slot.target.message()));
        }
    }

    /** What Graph holds for the user now, on that account: kept, and stored for after a restart. */
    private void hold(UserKey user, Slot slot, String account, TeamsHeld held) {
        slot.heldFor = account;
        slot.held = held;
        store.saveObservation(new Observation(KIND_HELD, user.asText(), TeamsHeldCodec.encode(held, account),
                clock.instant()));
    }

    private void scanRenewals(Instant now) {
        if (now.isBefore(lastRenewalScan.plus(RENEWAL_SCAN))) {
            return;
        }
        lastRenewalScan = now;
        slots.forEach((user, slot) -> {
            if (slot.target != null && rules.renewalDue(slot.held, now)) {
                pending.add(user);
            }
        });
    }

    private Slot slot(UserKey user) {
        return slots.computeIfAbsent(user, k -> new Slot());
    }

    @Override
    public String toString() {
        return "TeamsWriter[" + settings.graph().graphUrl() + "]";
    }
}
