package io.presencehub.asterisk;

import io.presencehub.directory.DirectoryIndex;
import io.presencehub.directory.DirectoryService;
import io.presencehub.model.DirectoryEvent;
import io.presencehub.model.Origin;
import io.presencehub.model.StateChange;
import io.presencehub.model.UserKey;
import io.presencehub.model.UserState;
import io.presencehub.model.UserUpdate;
import io.presencehub.sync.ChangePublisher;
import io.presencehub.sync.ExtensionReassignment;
import io.presencehub.sync.PresenceApplier;
import io.presencehub.teams.FakeClock;
import io.presencehub.testing.TestDirectories;
import io.presencehub.testing.MemoryStateStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Asterisk sync rules wired as in the hub, by the hub's own {@link AsteriskParts#build} (applier → writer;
 * inbox → incoming), without Camel and threads: what the routes asterisk-presence-in, asterisk-outgoing and
 * asterisk-writer do runs on the test thread when {@link #settle()} is called, and nothing logs in (the link's
 * connection is never started). A tiny
 * in-memory "Asterisk" stores writes and reports each one back, as the real one does.
 */
final class SyncHarness {

    static final String DIRECTORY = TestDirectories.EVERY_TYPE;
    static final UserKey ALICE = new UserKey("hq", "sales", "alice");
    static final UserKey EXT_1003 = new UserKey("hq", "sales", "ext:1003");
    static final String A1 = "CustomPresence:1001";
    static final String A2 = "CustomPresence:sales-1002";
    static final String B = "CustomPresence:1003";

    final MemoryStateStore store;
    final FakeClock clock = FakeClock.frozenAt(Instant.parse("2026-01-01T09:00:00Z"));
    final DirectoryIndex index;
    final AsteriskEchoes echoes;
    final List<StateChange> changes = new ArrayList<>();
    final List<PresenceWrite> sent = new ArrayList<>();
    final Map<String, AsteriskPresence> asterisk = new LinkedHashMap<>();
    final AsteriskSettings settings;
    final PresenceApplier applier;
    final AsteriskWriter writer;
    final AsteriskReader incoming;
    final AsteriskInbox inbox;
    boolean amiUp = true;
    /** Live reports the inbox handed over (coalesced ones never are). */
    int delivered;
    /** While true, Asterisk's reports of the hub's writes wait in {@link #heldEchoes} instead of arriving. */
    boolean holdEchoes;
    final List<AsteriskPresence> heldEchoes = new ArrayList<>();
    /**
     * Runs inside the hub's write once Asterisk has stored it (and reported it, unless echoes are held): what another
     * thread may do before the writer's thread is done with the write.
     */
    Runnable whileWriting = () -> { };

    SyncHarness(AsteriskSettings settings) {
        this(settings, new MemoryStateStore(), Map.of());
    }

    /** A hub (re)started on an existing store, with Asterisk already holding some values. */
    SyncHarness(AsteriskSettings settings, MemoryStateStore store, Map<String, AsteriskPresence> asteriskHolds) {
        this.settings = settings;
        this.store = store;
        DirectoryService directory = loadDirectory();
        this.index = directory.get();
        asterisk.putAll(asteriskHolds);
        applier = new PresenceApplier(store, directory, new ChangePublisher() {
            /** The hub's publisher and route asterisk-outgoing: every stored change reaches the writer. */
            @Override
            public void stateChanged(StateChange change) {
                changes.add(change);
                writer.stateChanged(change);
            }

            @Override
            public void directoryChanged(List<DirectoryEvent> events) {
            }

            @Override
            public void extensionReassigned(ExtensionReassignment reassignment) {
            }
        }, clock);
        AsteriskParts parts = AsteriskParts.build(settings, store, directory, applier, clock,
                new io.presencehub.decisions.DecisionLog(clock));
        echoes = parts.echoes();
        writer = parts.writer();
        incoming = parts.reader();
        inbox = parts.inbox();
    }

    /** {@link #DIRECTORY} as the hub loads its directory file (the file is not needed again: nothing reloads it). */
    private static DirectoryService loadDirectory() {
        try {
            Path file = Files.createTempFile("sync-harness-directory", ".yaml");
            try {
                Files.writeString(file, DIRECTORY, StandardCharsets.UTF_8);
                return DirectoryService.load(file);
            } finally {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static AsteriskSettings settings(String incoming, String outgoing) {
        return AsteriskTestSettings.with(Map.of("hub.asterisk.incoming-method", incoming,
                "hub.asterisk.outgoing-method", outgoing));
    }

    /** The connection's first login: Asterisk lists what it holds. */
    SyncHarness connect() {
        amiUp = true;
        inbox.offerSnapshot(new ArrayList<>(asterisk.values()));
        return settle();
    }

    SyncHarness disconnect() {
        amiUp = false;
        return this;
    }

    /** A phone (DPMA) changes presence: Asterisk stores it and reports it, if the hub is connected. */
    SyncHarness phone(String presentity, String state, String subtype, String message) {
        clock.advance(Duration.ofSeconds(1));
        AsteriskPresence presence = new AsteriskPresence(presentity, state, subtype, message);
        asterisk.put(presentity, presence);
        if (amiUp) {
            inbox.offer(presence);
        }
        return settle();
    }

    /** A status client sets status and note. */
    SyncHarness hubSets(UserKey user, String statusName, String note) {
        clock.advance(Duration.ofSeconds(1));
        applier.apply(new UserUpdate(user, index.tenantOf(user).orElseThrow().statusNamed(statusName).orElseThrow(),
                note, null, Origin.STATUS_INTERFACE));
        return settle();
    }

    /** Runs inbox, incoming and writer until nothing is left to do. */
    SyncHarness settle() {
        while (drain() + writeDue() > 0) {
            // echoes of writes go through the inbox again
        }
        return this;
    }

    /** What the route asterisk-presence-in does with everything the inbox hands over now. */
    int drain() {
        int handled = 0;
        try {
            while (inbox.handOver(this::deliver, Duration.ZERO)) {
                handled++;
            }
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        return handled;
    }

    private void deliver(AsteriskInbox.Report report) {
        if (report instanceof AsteriskInbox.Snapshot snapshot) {
            incoming.snapshot(snapshot);
            writer.resume();
        } else if (report instanceof AsteriskInbox.Item item) {
            delivered++;
            incoming.presenceChanged(item);
        }
    }

    /** What the route asterisk-writer does on each timer tick: the writes owed now, sent, answers booked. */
    private int writeDue() {
        List<PresenceWrite> due = writer.dueWrites();
        due.forEach(write -> writer.onOutcome(asteriskWrite(write)));
        return due.size();
    }

    private AsteriskWriteOutcome asteriskWrite(PresenceWrite write) {
        if (!amiUp) {
            return new AsteriskWriteOutcome(write, AsteriskWriteOutcome.Result.NOT_CONNECTED, "AMI is down (test)");
        }
        sent.add(write);
        AsteriskPresence stored = PresenceValueEncoder.encode(write.presentity(), write.state(), write.subtype(),
                write.message()).expectedEcho();
        asterisk.put(write.presentity(), stored);
        if (holdEchoes) {
            heldEchoes.add(stored);
        } else {
            inbox.offer(stored);
        }
        whileWriting.run();
        return AsteriskWriteOutcome.written(write);
    }

    /** Delivers the oldest held echo and lets the hub react to it. */
    SyncHarness releaseEcho() {
        inbox.offer(heldEchoes.remove(0));
        return settle();
    }

    /** Writes queued by the hub are sent, but the inbox is not drained (echoes held or not). */
    SyncHarness writeOnly() {
        writeDue();
        return this;
    }

    UserState hub(UserKey user) {
        return applier.current(user);
    }

    String hubStatus(UserKey user) {
        UserState state = hub(user);
        return index.tenantOf(user).orElseThrow().statusWithId(state.statusId()).orElseThrow().name();
    }

    List<String> sentPresentities() {
        return sent.stream().map(PresenceWrite::presentity).toList();
    }
}
