package io.presencehub.teams;

import io.presencehub.calls.CallStates;
import io.presencehub.calls.TeamsCall;
import io.presencehub.decisions.DecisionLog;
import io.presencehub.directory.DirectoryIndex;
import io.presencehub.metrics.HubMetrics;
import io.presencehub.model.Origin;
import io.presencehub.model.StatusDef;
import io.presencehub.model.StatusType;
import io.presencehub.model.Tenant;
import io.presencehub.model.UserKey;
import io.presencehub.model.UserState;
import io.presencehub.model.UserUpdate;
import io.presencehub.store.Observation;
import io.presencehub.store.StateStore;
import io.presencehub.sync.PresenceApplier;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every matched user's presence with {@code getPresencesByUserId} (at most 650 ids per request) once per poll
 * interval, and turns each read into a hub decision with {@link TeamsIncomingResolver} and into the user's Teams call
 * with {@link TeamsCallResolver} (reported to {@link CallStates}); its status message goes to {@link TeamsNotes}. A
 * Teams call is never kept from old reads: it ends for a user no longer matched, and for anyone not read for two poll
 * intervals (Graph unreachable, no token, ...).
 */
public final class TeamsPoller {

    private static final Logger LOG = LoggerFactory.getLogger(TeamsPoller.class);
    static final String KIND_PRESENCE = "teams-presence";
    public static final int MAX_IDS_PER_REQUEST = 650;

    private final GraphRequests requests;
    private final TeamsUsers users;
    private final RequestBudget budget;
    private final RetryPolicy retry;
    private final TeamsIncomingResolver resolver;
    private final PresenceApplier applier;
    private final Supplier<DirectoryIndex> directory;
    private final StateStore store;
    private final Clock clock;
    private final GraphPresenceTranslator translator = new GraphPresenceTranslator();
    private final Map<UserKey, GraphObservation> observations = new ConcurrentHashMap<>();
    private final TeamsEchoes echoes = new TeamsEchoes();
    private final CallStates calls;
    private final TeamsCallResolver callResolver;
    private final TeamsReadLog log;
    private final TeamsNotes notes;
    private final Duration callReadLimit;
    private final Instant startedAt;
    /** When each user's presence was last read successfully: a Teams call older than that is not kept. */
    private final Map<UserKey, Instant> lastRead = new ConcurrentHashMap<>();
    private volatile Function<UserKey, Optional<SessionPair>> heldSessions = user -> Optional.empty();
    private volatile HubMetrics metrics = HubMetrics.off();
    private volatile PollSelection selection = PollSelection.EVERYONE;
    private final UserLocks readLocks = new UserLocks(64);
    private int nextChunk;
    private String lastFailure;

    /** @param calls where the Teams call of each read user is reported */
    public TeamsPoller(TeamsSettings settings, TeamsUsers users, RequestBudget budget, RetryPolicy retry,
                       TeamsIncomingResolver resolver, PresenceApplier applier, Supplier<DirectoryIndex> directory,
                       CallStates calls, StateStore store, Clock clock, DecisionLog decisions) {
        this.log = new TeamsReadLog(decisions, settings.calls());
        this.notes = new TeamsNotes(settings.incomingNote(), applier, store, clock, decisions);
        this.requests = GraphRequests.of(settings);
        this.users = users;
        this.budget = budget;
        this.retry = retry;
        this.resolver = resolver;
        this.applier = applier;
        this.directory = directory;
        this.store = store;
        this.clock = clock;
        this.calls = calls;
        this.callResolver = new TeamsCallResolver(settings.calls());
        this.callReadLimit = settings.pollInterval().multipliedBy(2);
        this.startedAt = clock.instant();
        users.addMatchListener(this::matchChanged);
        store.loadObservations(KIND_PRESENCE).values().forEach(o -> UserKey.fromText(o.key())
                .ifPresent(key -> GraphObservationCodec.stored(o).ifPresent(observed -> observations.put(key, observed))));
    }

    /**
     * This cycle's requests: every matched id in chunks of at most 650, as many as the budget allows; chunks left
     * out go first next cycle.
     */
    public synchronized List<GraphCall> pollCalls() {
        List<String> ids = selection.due(users.graphIds());
        List<List<String>> chunks = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += MAX_IDS_PER_REQUEST) {
            chunks.add(ids.subList(from, Math.min(ids.size(), from + MAX_IDS_PER_REQUEST)));
        }
        List<GraphCall> calls = new ArrayList<>();
        if (chunks.isEmpty()) {
            return calls;
        }
        int start = nextChunk % chunks.size();
        for (int i = 0; i < chunks.size(); i++) {
            int index = (start + i) % chunks.size();
            RequestBudget.Ticket ticket = budget.tryTake();
            if (ticket == null) {
                nextChunk = index;
                LOG.debug("Teams poll: budget exhausted, {} of {} chunks wait for the next cycle",
                        chunks.size() - i, chunks.size());
                return calls;
            }
            calls.add(requests.poll(chunks.get(index), clock.instant(), ticket));
        }
        nextChunk = 0;
        return calls;
    }

    /** Handles one chunk's answer; never throws. */
    public void onAnswer(GraphAnswer answer) {
        if (!answer.ok()) {
            if (RetryPolicy.pausesEveryone(answer.outcome())) {
                budget.pauseUntil(clock.instant().plus(retry.delay(1, answer.retryAfter())));
            }
            reportFailure("Teams poll failed (" + answer.describe() + "); the next poll tries again");
            return;
        }
        lastFailure = null;
        List<GraphPresence> presences;
        try {
            presences = translator.fromPresenceList(answer.body());
        } catch (GraphFormatException e) {
            reportFailure("Teams poll answer unreadable: " + e.getMessage());
            return;
        }
        Instant answeredAt = clock.instant();
        for (GraphPresence presence : presences) {
            users.userOf(presence.userId()).ifPresent(user -> {
                try {
                    observe(user, GraphObservation.of(presence), presence.statusMessageExpiry(),
                            answer.call().sentAt(), answeredAt);
                } catch (RuntimeException e) {
                    LOG.warn("Teams: presence of {} not applied: {}", user, e.toString());
                }
            });
        }
    }

    /**
     * The hub sends a session write for this user, replacing the session it held: a read sent from now on may show its
     * result (an echo), or still show the replaced session.
     */
    public void writeSent(UserKey user, Optional<SessionPair> session, Optional<SessionPair> replaced, Instant sentAt) {
        echoes.sent(user, session, replaced, sentAt);
    }

    /** With push: which users each cycle reads (the others' changes are pushed) and which need no regular read. */
    public void pollOnly(PollSelection selection) {
        this.selection = selection;
    }

    /** The hub sends this write, replacing what it held before on that account: a read from now on may show it. */
    public void writeSent(UserKey user, TeamsWrite write, TeamsHeld before, Instant sentAt) {
        if (write.kind() == TeamsWrite.Kind.SET_STATUS_MESSAGE) {
            notes.sent(user, write.message(), before.message(), sentAt);
        } else {
            writeSent(user, Optional.ofNullable(write.pair()), before.session(), sentAt);
        }
    }

    /** The status messages of the reads: taken as notes ({@code hub.teams.incoming-note}). */
    public TeamsNotes notes() {
        return notes;
    }

    /** Counts the reads that showed the hub's own writes or sessions (verdicts ECHO, OWN_SESSION) in these meters. */
    public void measureWith(HubMetrics metrics) {
        this.metrics = metrics;
    }

    /** Where the session the hub holds for a user comes from (the writer): a read showing it is the hub's own. */
    public void ownSessionsFrom(Function<UserKey, Optional<SessionPair>> held) {
        this.heldSessions = held;
    }

    /**
     * Ends the Teams call of every user whose presence was not read for two poll intervals, whatever the reason;
     * runs on a timer of its own, so a poll that hangs in a timeout cannot keep a call. Two intervals after the start,
     * a user still never read (Graph down since, or no e-mail match) has none either: Asterisk keeps the Custom device
     * of before the restart, which must not wait for a read that may not come.
     */
    public void releaseStaleCalls() {
        Instant limit = clock.instant().minus(callReadLimit);
        if (limit.isAfter(startedAt)) {
            for (UserKey user : directory.get().userKeys()) {
                if (calls.teamsCall(user) == TeamsCall.UNKNOWN) {
                    calls.teamsCall(user, TeamsCall.NONE);
                }
            }
        }
        // a pushed user is read by the reconciling poll: two of its intervals (plus one poll's) without a read end it
        Instant pushedLimit = limit.minus(selection.pushedReadInterval().multipliedBy(2));
        for (UserKey user : calls.teamsCallUsers()) {
            Instant read = lastRead.get(user);
            Instant userLimit = users.graphId(user).filter(selection::pushed).isPresent() ? pushedLimit : limit;
            if (calls.teamsCall(user) == TeamsCall.IN_CALL && (read == null || read.isBefore(userLimit))) {
                LOG.debug("Teams: {} not read since {}; Teams call ended", user, read);
                log.callEnded(user, read);
                calls.teamsCall(user, TeamsCall.NONE);
            }
        }
    }

    /** A user unmatched (or matched to another account) has no Teams call the hub can see. */
    private void matchChanged(Collection<UserKey> changed) {
        for (UserKey user : changed) {
            if (users.graphId(user).isEmpty() || calls.teamsCall(user) == TeamsCall.IN_CALL) {
                lastRead.remove(user);
                calls.teamsCall(user, TeamsCall.NONE);
            }
        }
    }

    /** The answer to the user's write in flight (session or message) was taken: the write may have been applied. */
    public void writeAnswered(UserKey user, Instant at) {
        echoes.answered(user, at);
        notes.answered(user, at, true);
    }

    /** The user's write in flight (session or message) was refused or never sent: it changed nothing. */
    public void writeRefused(UserKey user) {
        echoes.refused(user);
        notes.answered(user, clock.instant(), false);
    }

    /** What Graph last showed for a user (for tests and health). */
    public Optional<GraphObservation> observation(UserKey user) {
        return Optional.ofNullable(observations.get(user));
    }

    void observe(UserKey user, GraphObservation observed, Instant readStartedAt, Instant readAnsweredAt) {
        observe(user, observed, null, readStartedAt, readAnsweredAt);
    }

    /**
     * One user's read ({@code expiry}: of its status message, null for none), from a poll or a push read: one read
     * of a user at a time (they come from two routes' threads).
     */
    void observe(UserKey user, GraphObservation observed, Instant expiry, Instant readStartedAt,
                 Instant readAnsweredAt) {
        synchronized (readLocks.of(user)) {
            observeAlone(user, observed, expiry, readStartedAt, readAnsweredAt);
        }
    }

    private void observeAlone(UserKey user, GraphObservation observed, Instant expiry, Instant readStartedAt,
                              Instant readAnsweredAt) {
        GraphObservation previous = observations.get(user);
        List<TeamsEcho> unsettled = echoes.of(user);
        Set<SessionPair> held = heldSessions.apply(user).map(Set::of).orElse(Set.of());
        TeamsIncomingResolver.Decision decision = resolver.resolve(previous, observed, unsettled, held,
                statusFromTeams(user), readStartedAt, readAnsweredAt);
        if (decision.echoConsumed()) {
            echoes.settle(user, readStartedAt);
        }
        if (decision.verdict() == TeamsIncomingResolver.Verdict.ECHO
                || decision.verdict() == TeamsIncomingResolver.Verdict.OWN_SESSION) {
            metrics.echoSuppressed(HubMetrics.World.TEAMS);
        }
        if (decision.verdict() == TeamsIncomingResolver.Verdict.STALE) {
            LOG.debug("Teams: stale read for {} dropped ({} older than {})", user, observed, previous);
            log.stale(user, observed);
            return;
        }
        Set<SessionPair> own = new HashSet<>(held);
        unsettled.forEach(echo -> {
            echo.session().ifPresent(own::add);
            echo.replaced().ifPresent(own::add);
        });
        lastRead.put(user, readAnsweredAt);
        TeamsCall call = callResolver.resolve(observed, own);
        log.call(user, observed, calls.teamsCall(user), call, decision.verdict());
        calls.teamsCall(user, call);
        if (!observed.equals(previous)) {
            observations.put(user, observed);
            store.saveObservation(new Observation(KIND_PRESENCE, user.asText(), GraphObservationCodec.encode(observed),
                    clock.instant()));
        }
        if (decision.verdict() != TeamsIncomingResolver.Verdict.UNCHANGED) {
            LOG.debug("Teams: {} for {}: {} -> {}", decision.verdict(), user, previous, observed);
            log.read(user, observed, decision.verdict());
        }
        decision.type().ifPresent(type -> applyType(user, type, observed));
        notes.observe(user, previous, observed, expiry, directory.get(), readStartedAt, readAnsweredAt);
    }

    private boolean statusFromTeams(UserKey user) {
        DirectoryIndex index = directory.get();
        return index.tenantOf(user).isPresent() && applier.current(user, index).statusOrigin() == Origin.TEAMS;
    }

    private void applyType(UserKey user, StatusType type, GraphObservation observed) {
        DirectoryIndex index = directory.get();
        Optional<Tenant> tenant = index.tenantOf(user);
        if (tenant.isEmpty()) {
            return;
        }
        UserState current = applier.current(user, index);
        if (current.statusType() == type) {
            // already a status of that type (e.g. "Lunch" for away): keep the user's more specific choice
            LOG.debug("Teams: {} means {} for {}, which it already is", observed.pair(), type.code(), user);
            log.typeKept(user, observed, type);
            return;
        }
        Optional<StatusDef> status = tenant.get().defaultStatus(type);
        if (status.isEmpty()) {
            LOG.debug("Teams: tenant of {} has no {} status; {} not applied", user, type.code(), observed.pair());
            log.noStatus(user, observed, type);
            return;
        }
        if (applier.apply(UserUpdate.status(user, status.get(), Origin.TEAMS)).isPresent()) {
            log.applied(user, observed, status.get());
        }
    }

    private void reportFailure(String failure) {
        if (!failure.equals(lastFailure)) {
            LOG.warn(failure);
            lastFailure = failure;
        }
    }
}
