package io.presencehub.statusinterface;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencehub.directory.DirectoryIndex;
import io.presencehub.directory.DirectoryParser;
import io.presencehub.model.DirectoryEvent;
import io.presencehub.model.Origin;
import io.presencehub.model.StateChange;
import io.presencehub.model.Tenant;
import io.presencehub.model.UserKey;
import io.presencehub.model.UserUpdate;
import io.presencehub.sync.ChangePublisher;
import io.presencehub.sync.ExtensionReassignment;
import io.presencehub.sync.PresenceApplier;
import io.presencehub.testing.MemoryStateStore;
import io.presencehub.testing.TestDirectories;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * A reply that reports state is never older than an event handed to the client before it, and
 * shows one state for all of a user's extensions, however changes and reads interleave.
 */
class ConsistentReadsTest {

    private static final UserKey ALICE = new UserKey("hq", "sales", "alice");
    private static final int CHANGES = 3000;

    /** What is handed to a client's outbox, in order: events and replies share one queue there. */
    private final List<String> wire = Collections.synchronizedList(new ArrayList<>());

    @Test
    void stateReportsAndGetsAreNeverOlderThanAnEventQueuedBeforeThem() {
        DirectoryIndex index = new DirectoryIndex(new DirectoryParser().parse(TestDirectories.SMALL));
        Tenant sales = index.tenantOf(ALICE).orElseThrow();
        PresenceApplier applier = new PresenceApplier(new MemoryStateStore(), () -> index, new Recorder(), Clock.systemUTC());
        StatusCommandHandler handler = new StatusCommandHandler(() -> index, applier);

        // the changes start only after the first reads: however the threads are scheduled, reports get checked
        CountDownLatch readsStarted = new CountDownLatch(1);
        CompletableFuture<Void> changes = CompletableFuture.runAsync(() -> {
            awaitQuietly(readsStarted);
            for (int i = 0; i < CHANGES; i++) {
                String name = i % 2 == 0 ? "Lunch" : "Away";
                applier.apply(UserUpdate.status(ALICE, sales.statusNamed(name).orElseThrow(), Origin.ASTERISK));
            }
        });
        do {
            handler.handle(InboundLine.of("get_extension_state"), wire::add);
            handler.handle(InboundLine.of("get_extension_status@#HQ@#Sales@#1002"), wire::add);
            readsStarted.countDown();
        } while (!changes.isDone());
        changes.join();

        String shown = "Available";
        int reportsChecked = 0;
        for (String text : List.copyOf(wire)) {
            if (text.startsWith("EVENT ")) {
                shown = text.substring("EVENT ".length());
            } else if (text.startsWith("State Report Started")) {
                assertThat(text).as("report after the event for %s", shown)
                        .contains("Extension@#1001@#" + shown + "@#", "Extension@#1002@#" + shown + "@#");
                reportsChecked++;
            } else {
                assertThat(text).as("get after the event for %s", shown).isEqualTo("ExtensionStatus@#" + shown);
            }
        }
        assertThat(reportsChecked).isPositive();
        assertThat(shown).isEqualTo("Away");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Publishes events into the same ordered stream the replies go to. */
    private final class Recorder implements ChangePublisher {
        @Override
        public void stateChanged(StateChange change) {
            wire.add("EVENT " + change.after().statusId());
        }

        @Override
        public void directoryChanged(List<DirectoryEvent> events) {
        }

        @Override
        public void extensionReassigned(ExtensionReassignment reassignment) {
        }
    }
}
