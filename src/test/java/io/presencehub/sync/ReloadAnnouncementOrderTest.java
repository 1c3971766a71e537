package io.presencehub.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.presencehub.directory.DirectoryService;
import io.presencehub.directory.ExtensionEntry;
import io.presencehub.model.DirectoryEvent;
import io.presencehub.model.Origin;
import io.presencehub.model.StateChange;
import io.presencehub.model.UserUpdate;
import io.presencehub.testing.MemoryStateStore;
import io.presencehub.testing.TestDirectories;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients never hear of a state change on an extension before its ExtensionAddedEvent or after its
 * ExtensionRemovedEvent, however changes race with reloads (wired as HubConfiguration does).
 */
class ReloadAnnouncementOrderTest {

    private static final String WITH_1005 = TestDirectories.SMALL_WITH_1005;

    @TempDir
    Path folder;

    private final List<String> wire = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger stateEvents = new AtomicInteger();

    @Test
    void stateEventsOfAnExtensionOnlyFallBetweenItsAddedAndRemovedEvents() throws IOException, InterruptedException {
        Path file = folder.resolve("directory.yaml");
        Files.writeString(file, TestDirectories.SMALL);
        DirectoryService directory = DirectoryService.load(file);
        PresenceApplier applier = new PresenceApplier(new MemoryStateStore(), directory, new Recorder(directory),
                Clock.systemUTC());
        directory.announceWith(applier::betweenChanges, reload -> new Recorder(directory).directoryChanged(reload.events()));

        AtomicBoolean done = new AtomicBoolean();
        AtomicBoolean running = new AtomicBoolean();
        Thread changes = new Thread(() -> {
            running.set(true);
            for (int i = 0; !done.get(); i++) {
                Optional<ExtensionEntry> entry = directory.get().extension("HQ", "Sales", "1005");
                if (entry.isPresent()) {
                    try {
                        applier.apply(UserUpdate.note(entry.get().user(), "n" + i, Origin.STATUS_INTERFACE));
                    } catch (IllegalArgumentException removedMeanwhile) {
                        // 1005 (and its user) went away between the look-up and the change: the race under test
                    }
                }
            }
        }, "changes");
        changes.setDaemon(true);
        changes.start();
        try {
            await().until(running::get);
            for (int round = 0; round < 40; round++) {
                Files.writeString(file, WITH_1005);
                assertThat(directory.reloadIfChanged()).as("a change waits for a second look").isFalse();
                assertThat(directory.reloadIfChanged()).isTrue();
                // the other thread is changing 1005 now, however it is scheduled: its removal races with that
                int before = stateEvents.get();
                await().pollInterval(Duration.ofMillis(1)).until(() -> stateEvents.get() > before);
                Files.writeString(file, TestDirectories.SMALL);
                assertThat(directory.reloadIfChanged()).isFalse();
                assertThat(directory.reloadIfChanged()).isTrue();
            }
        } finally {
            done.set(true);
            changes.join();
        }

        boolean present = false;
        int statesSeen = 0;
        for (String line : List.copyOf(wire)) {
            switch (line) {
                case "ADDED 1005" -> present = true;
                case "REMOVED 1005" -> present = false;
                default -> {
                    assertThat(present).as("a state event of 1005 while clients know it: %s", line).isTrue();
                    statesSeen++;
                }
            }
        }
        assertThat(statesSeen).as("changes did race with the reloads").isPositive();
    }

    /** Formats as the status broadcaster does: by the extensions the directory in force shows. */
    private final class Recorder implements ChangePublisher {
        private final DirectoryService directory;

        Recorder(DirectoryService directory) {
            this.directory = directory;
        }

        @Override
        public void stateChanged(StateChange change) {
            directory.get().extensionsOf(change.user()).forEach(e -> {
                wire.add("STATE " + e.extension().number());
                stateEvents.incrementAndGet();
            });
        }

        @Override
        public void directoryChanged(List<DirectoryEvent> events) {
            for (DirectoryEvent event : events) {
                if (event.kind() == DirectoryEvent.Kind.EXTENSION_ADDED) {
                    wire.add("ADDED " + event.names().get(2));
                } else if (event.kind() == DirectoryEvent.Kind.EXTENSION_REMOVED) {
                    wire.add("REMOVED " + event.names().get(2));
                }
            }
        }

        @Override
        public void extensionReassigned(ExtensionReassignment reassignment) {
        }
    }
}
