package io.presencehub.asterisk;

import io.presencehub.decisions.DecisionLog;
import io.presencehub.decisions.World;
import io.presencehub.directory.DirectoryIndex;
import io.presencehub.directory.ExtensionEntry;
import io.presencehub.model.Origin;
import io.presencehub.model.StateChange;
import io.presencehub.model.UserKey;
import io.presencehub.model.UserState;
import io.presencehub.model.UserUpdate;
import io.presencehub.store.Observation;
import io.presencehub.store.StateStore;
import io.presencehub.sync.PresenceApplier;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asterisk → hub: keeps the observation of every presentity (persisted, with its time) and turns a
 * real change into a decision for its user, applied with origin ASTERISK. Echoes and stale reports
 * refresh the observation only. A snapshot after a (re)connect decides only for users whose
 * presence changed in Asterisk meanwhile and whom the hub did not change itself.
 */
public final class AsteriskReader {

    private static final Logger LOG = LoggerFactory.getLogger(AsteriskReader.class);

    private final AsteriskSettings settings;
    private final AsteriskIncomingResolver resolver;
    private final Supplier<DirectoryIndex> directory;
    private final PresenceApplier applier;
    private final StateStore store;
    private final OutgoingState outgoing;
    private final DecisionLog decisions;
    /** Observations are written behind, in batches: they are never acknowledged to anyone, and a commit per event would cap the event rate. */
    static final long FLUSH_INTERVAL_MS = 200;

    private final Map<String, AsteriskObservation> observations = new ConcurrentHashMap<>();
    private final Map<String, AsteriskObservation> unsaved = new java.util.LinkedHashMap<>();
    private long lastFlushNanos = System.nanoTime();

    public AsteriskReader(AsteriskSettings settings, Supplier<DirectoryIndex> directory, PresenceApplier applier,
                            StateStore store, OutgoingState outgoing, DecisionLog decisions) {
        this.settings = settings;
        this.decisions = decisions;
        this.resolver = new AsteriskIncomingResolver(settings);
        this.directory = directory;
        this.applier = applier;
        this.store = store;
        this.outgoing = outgoing;
        for (Observation stored : store.loadObservations(AsteriskObservation.KIND).values()) {
            AsteriskObservation observation = AsteriskObservation.fromStored(stored);
            if (observation != null) {
                observations.put(observation.presentity(), observation);
            }
        }
    }

    /** What Asterisk last showed for a presentity. */
    public Optional<AsteriskObservation> observation(String presentity) {
        return Optional.ofNullable(observations.get(presentity));
    }

    /** A live report (possibly the latest of several coalesced ones). */
    public void presenceChanged(AsteriskInbox.Item item) {
        AsteriskPresence presence = item.presence();
        DirectoryIndex index = directory.get();
        Optional<ExtensionEntry> entry = index.extensionWithPresentity(presence.presentity());
        if (entry.isEmpty()) {
            LOG.debug("Asterisk presence of {} ignored: no extension has this presentity", presence.presentity());
            return;
        }
        remember(AsteriskObservation.of(presence, item.observedAt()));
        flushIfDue();
        UserKey user = entry.get().user();
        if (item.echo() != AsteriskInbox.Echo.NONE) {
            LOG.debug("Asterisk presence {} is {} of the hub's own write: no decision", presence,
                    item.echo() == AsteriskInbox.Echo.ECHO ? "the echo" : "older than an unanswered write");
            decisions.record(World.ASTERISK, user, item.echo() == AsteriskInbox.Echo.ECHO
                    ? "echo of the hub's own write to " + presence.presentity()
                    : "report of " + presence.presentity() + " ignored: older than the hub's unanswered write");
            return;
        }
        decide(user, index, "change of " + presence.presentity(), entry.get());
    }

    /** PresenceStateList after a (re)connect: Asterisk's truth for every user the hub did not change meanwhile. */
    public void snapshot(AsteriskInbox.Snapshot snapshot) {
        DirectoryIndex index = directory.get();
        Map<String, AsteriskInbox.Item> listed = new HashMap<>();
        snapshot.items().forEach(item -> listed.put(item.presence().presentity(), item));
        Set<UserKey> changed = new LinkedHashSet<>();
        Set<UserKey> hubWins = new LinkedHashSet<>();
        Set<UserKey> rewrite = new LinkedHashSet<>();
        Map<UserKey, UserState> stored = applier.storedStates();
        for (UserKey user : index.userKeys()) {
            UserState state = stored.get(user);
            if (state != null && state.origin() != Origin.ASTERISK && outgoing.owes(user, state)) {
                // a stored change the hub never finished writing (killed in between, or AMI off): it wins
                hubWins.add(user);
                rewrite.add(user);
            }
            for (ExtensionEntry entry : index.extensionsOf(user)) {
                String presentity = entry.extension().presentity();
                AsteriskInbox.Item item = listed.get(presentity);
                AsteriskObservation now = item != null ? AsteriskObservation.of(item.presence(), snapshot.observedAt())
                        : AsteriskObservation.notSet(presentity, snapshot.observedAt());
                AsteriskObservation before = observations.get(presentity);
                boolean same = before != null && before.sameValue(now.presence());
                if (!same) {
                    remember(now);
                }
                if (outgoing.hasPending(presentity)) {
                    hubWins.add(user);
                } else if (item != null && item.echo() == AsteriskInbox.Echo.STALE) {
                    hubWins.add(user);
                    rewrite.add(user);
                } else if (!same && !(item != null && item.echo() == AsteriskInbox.Echo.ECHO)
                        && !writtenSince(before, now)) {
                    changed.add(user);
                }
            }
        }
        flushObservations();
        changed.removeAll(hubWins);
        LOG.info("Asterisk resync: {} presentities listed, {} users changed in Asterisk, {} users keep the hub's change",
                snapshot.items().size(), changed.size(), hubWins.size());
        rewrite.forEach(outgoing::rewrite);
        changed.forEach(user -> decide(user, index, "resync", null));
    }

    /** The snapshot shows what the hub wrote after the previous observation: the echo was missed, not a change. */
    private boolean writtenSince(AsteriskObservation before, AsteriskObservation now) {
        return outgoing.lastWritten(now.presentity())
                .filter(w -> w.sameValue(now.presence()))
                .filter(w -> before == null || !w.observedAt().isBefore(before.observedAt()))
                .isPresent();
    }

    /** @param phone the extension whose report triggered the decision; null for a resync */
    private void decide(UserKey user, DirectoryIndex index, String trigger, ExtensionEntry phone) {
        if (!settings.syncEnabled()) {
            return;
        }
        for (ExtensionEntry entry : index.extensionsOf(user)) {
            if (outgoing.hasPending(entry.extension().presentity())) {
                LOG.debug("No decision for {} on {}: the hub's own change to {} is still to be written", user, trigger,
                        entry.extension().presentity());
                decisions.record(World.ASTERISK, user, "no decision on " + trigger + ": the hub's own change to "
                        + entry.extension().presentity() + " is still to be written");
                return;
            }
        }
        Optional<AsteriskIncomingDecision> decision = resolver.resolve(user, index, observations::get);
        String ignored = phone == null ? null : ignoredPhone(user, index, phone, decision);
        if (ignored != null) {
            decisions.record(World.ASTERISK, user, "phone " + phone.extension().number() + " ignored: " + ignored);
        }
        if (decision.isEmpty()) {
            LOG.debug("No decision for {} on {}: Asterisk shows no mapped presence by {}", user, trigger,
                    settings.incoming().code());
            if (ignored == null) {
                decisions.record(World.ASTERISK, user, "no decision on " + trigger
                        + ": Asterisk shows no mapped presence by " + settings.incoming().code());
            }
            return;
        }
        AsteriskIncomingDecision d = decision.get();
        Optional<StateChange> change = applier.apply(
                new UserUpdate(user, d.status(), d.note(), null, Origin.ASTERISK));
        LOG.debug("Asterisk decision for {} on {}: {} -> status '{}', note '{}' ({})", user, trigger, d.reason(),
                d.status().name(), d.note(), change.isPresent() ? "applied" : "no change");
        if (change.isPresent()) {
            decisions.record(World.ASTERISK, user, "status " + d.status().name() + " from Asterisk: " + d.reason());
        }
    }

    /** Why the phone that reported does not decide for its user (for the decision log); null when it does. */
    private String ignoredPhone(UserKey user, DirectoryIndex index, ExtensionEntry phone,
                                Optional<AsteriskIncomingDecision> decision) {
        String presentity = phone.extension().presentity();
        if (settings.incoming() == IncomingMethod.DEFAULT_EXTENSION) {
            boolean isDefault = AsteriskIncomingResolver.defaultExtension(user, index, index.extensionsOf(user))
                    .extension().presentity().equals(presentity);
            return isDefault ? null : "not the default extension";
        }
        return decision.filter(d -> !d.presentity().equals(presentity)).map(AsteriskIncomingDecision::reason).orElse(null);
    }

    private void remember(AsteriskObservation observation) {
        observations.put(observation.presentity(), observation);
        synchronized (unsaved) {
            unsaved.put(observation.presentity(), observation);
        }
    }

    /** Writes the observations not stored yet; called when the inbox runs dry, after a snapshot and at stop. */
    public void flushObservations() {
        List<Observation> batch;
        synchronized (unsaved) {
            if (unsaved.isEmpty()) {
                return;
            }
            batch = unsaved.values().stream().map(o -> o.toStored(AsteriskObservation.KIND)).toList();
            unsaved.clear();
            lastFlushNanos = System.nanoTime();
        }
        store.saveObservations(batch);
    }

    private void flushIfDue() {
        boolean due;
        synchronized (unsaved) {
            due = System.nanoTime() - lastFlushNanos > FLUSH_INTERVAL_MS * 1_000_000;
        }
        if (due) {
            flushObservations();
        }
    }
}
