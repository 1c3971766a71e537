package io.presencehub.teams;

import io.presencehub.decisions.DecisionLog;
import io.presencehub.decisions.World;
import io.presencehub.directory.DirectoryIndex;
import io.presencehub.model.Origin;
import io.presencehub.model.UserKey;
import io.presencehub.model.UserState;
import io.presencehub.model.UserUpdate;
import io.presencehub.store.Observation;
import io.presencehub.store.ObservationFormatException;
import io.presencehub.store.StateStore;
import io.presencehub.sync.PresenceApplier;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime of the incoming status message ({@code hub.teams.incoming-note}): keeps the hub's own message writes
 * that reads may still show and, per user, the note taken from Teams (stored, so "the note came from Teams" survives a
 * restart); asks {@link TeamsNoteResolver} what each read's message means, applies a change as the user's note and
 * return time in one update, and records the decision. Switched off, it does nothing at all.
 */
public final class TeamsNotes {

    private static final Logger LOG = LoggerFactory.getLogger(TeamsNotes.class);
    static final String KIND_NOTE = "teams-note";
    /** Decision log entries quote at most this much of a message. */
    private static final int QUOTED = 60;

    private final boolean enabled;
    private final PresenceApplier applier;
    private final StateStore store;
    private final Clock clock;
    private final DecisionLog decisions;
    private final TeamsNoteResolver resolver = new TeamsNoteResolver();
    private final TeamsMessageEchoes echoes = new TeamsMessageEchoes();
    private final Map<UserKey, TeamsNote> taken = new ConcurrentHashMap<>();
    private volatile Function<UserKey, TeamsTarget.StatusMessage> held = user -> null;

    public TeamsNotes(boolean enabled, PresenceApplier applier, StateStore store, Clock clock, DecisionLog decisions) {
        this.enabled = enabled;
        this.applier = applier;
        this.store = store;
        this.clock = clock;
        this.decisions = decisions;
        if (enabled) {
            store.loadObservations(KIND_NOTE).values().forEach(row -> UserKey.fromText(row.key())
                    .ifPresent(user -> stored(row).ifPresent(note -> taken.put(user, note))));
        }
    }

    /** Where the message the hub holds in Teams for a user comes from (the writer); null when it set none. */
    public void heldMessagesFrom(Function<UserKey, TeamsTarget.StatusMessage> heldMessages) {
        this.held = heldMessages;
    }

    /** The hub sends {@code message} for the user, replacing {@code replaced} (null for none). */
    public void sent(UserKey user, TeamsTarget.StatusMessage message, TeamsTarget.StatusMessage replaced,
                     Instant sentAt) {
        if (enabled) {
            echoes.sent(user, TeamsNoteResolver.normalize(message.text()),
                    replaced == null ? null : TeamsNoteResolver.normalize(replaced.text()), sentAt);
        }
    }

    /** The user's write in flight was answered; refused ({@code mayHaveApplied} false) it explains no read. */
    public void answered(UserKey user, Instant at, boolean mayHaveApplied) {
        if (enabled) {
            echoes.answered(user, at, mayHaveApplied);
        }
    }

    /** Applies the status message of one read (not a stale one) of a user known to the directory. */
    void observe(UserKey user, GraphObservation previous, GraphObservation observed, Instant expiry,
                 DirectoryIndex index, Instant readStartedAt, Instant readAnsweredAt) {
        if (!enabled) {
            return;
        }
        boolean differs = TeamsNoteResolver.differs(previous, observed.statusMessage())
                || TeamsNoteResolver.newExpiry(previous, taken.get(user), observed.statusMessage(), expiry);
        if (!differs || index.tenantOf(user).isEmpty()) {
            // most reads: nothing to decide, so no look-up of the writer's state (its lock) for them
            echoes.settle(user, readStartedAt);
            return;
        }
        UserState current = applier.current(user, index);
        Optional<TeamsNote> fromTeams = Optional.ofNullable(taken.get(user));
        TeamsNoteResolver.Decision decision = resolver.resolve(previous, observed.statusMessage(), expiry, current,
                fromTeams, held.apply(user), echoes.of(user), readStartedAt, readAnsweredAt);
        echoes.settle(user, readStartedAt);
        String quoted = quote(decision.message());
        switch (decision.verdict()) {
            case OWN -> decisions.record(World.TEAMS, user, "Teams status message " + quoted
                    + " is the hub's own: no change");
            case SAME_NOTE -> decisions.record(World.TEAMS, user, "Teams status message " + quoted
                    + " is the note already: no change");
            case KEPT -> decisions.record(World.TEAMS, user, "Teams status message cleared: the note "
                    + quote(current.note()) + " did not come from Teams, kept");
            case CHANGE -> apply(user, decision, expiry);
            default -> {
                // a baseline or the same message as before says nothing (not reached: filtered above)
            }
        }
    }

    private void apply(UserKey user, TeamsNoteResolver.Decision decision, Instant expiry) {
        TeamsNote note = decision.taken(expiry);
        // stored first: should the hub stop before the note is applied, a taken note unlike the note counts for nothing
        taken.put(user, note);
        store.saveObservation(new Observation(KIND_NOTE, user.asText(), TeamsNoteCodec.encode(note), clock.instant()));
        if (applier.apply(new UserUpdate(user, null, decision.note(), decision.returnTime(), Origin.TEAMS))
                .isPresent()) {
            LOG.debug("Teams: note of {} from the status message", user);
            decisions.record(World.TEAMS, user, (decision.note().isEmpty()
                    ? "note from Teams cleared: the Teams status message is empty"
                    : "note " + quote(decision.note()) + " from the Teams status message")
                    + (decision.returnTime() == null ? "" : ", return time " + decision.returnTime()));
        }
    }

    private static String quote(String text) {
        String oneLine = text.replace('\n', ' ');
        return "'" + (oneLine.length() <= QUOTED ? oneLine : oneLine.substring(0, QUOTED) + "…") + "'";
    }

    /** An unreadable row counts as no note taken from Teams: an empty message then keeps the note. */
    private static Optional<TeamsNote> stored(Observation row) {
        try {
            return Optional.of(TeamsNoteCodec.decode(row.value()));
        } catch (ObservationFormatException e) {
            LOG.warn("Teams: stored note of {} not readable ({}); taken as not from Teams", row.key(), e.getMessage());
            return Optional.empty();
        }
    }
}
