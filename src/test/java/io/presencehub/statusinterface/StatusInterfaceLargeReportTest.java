package io.presencehub.statusinterface;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.presencehub.testing.LineClient;
import io.presencehub.testing.TestDirectories;
import io.presencehub.testing.TestHub;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client's own answers do not count against its backlog bound ({@code hub.status.max-pending-bytes}): a panel
 * that reads a state report far bigger than the bound slowly keeps its connection and gets the events that came
 * meanwhile, while a client that also lags behind the events by more than the bound is still cut off.
 */
class StatusInterfaceLargeReportTest {

    private static final int EXTENSIONS = 2000;
    private static final int BOUND = 16 * 1024;
    private static final String NOTE_OF_100000 = "set_extension_note@#Generated@#Tenant 1@#100000@#";

    @TempDir
    Path folder;
    TestHub hub;

    @BeforeEach
    void startHub() {
        hub = TestHub.in(folder).directory(TestDirectories.generated(EXTENSIONS))
                .with("hub.status.max-pending-bytes", Integer.toString(BOUND))
                .with("hub.status.socket-send-buffer", "4096")
                .start();
    }

    @AfterEach
    void stopHub() {
        hub.close();
    }

    @Test
    void aClientReadingItsOwnReportSlowlyIsNotCutOffAndGetsTheEventsAfterIt() {
        try (LineClient setter = hub.client(); LineClient slow = LineClient.withReceiveBuffer(hub.statusPort(), 4096)) {
            slow.send("get_extension_state");
            // the report (about 150 kB) waits in the hub, many times the client's bound
            await().until(() -> hub.statusClients().pendingBytes() > 4 * BOUND);
            for (int i = 0; i < 5; i++) {
                setter.set(NOTE_OF_100000 + "note " + i);
            }

            List<String> report = slow.readUntil("State Report Finished");
            // started, the location, its two tenants, every extension, finished
            assertThat(report).hasSize(EXTENSIONS + 5).startsWith("State Report Started");
            assertThat(slow.readLines(5)).containsExactly(
                    "ExtensionNoteUpdatedEvent@#Generated@#Tenant 1@#100000@#note 0",
                    "ExtensionNoteUpdatedEvent@#Generated@#Tenant 1@#100000@#note 1",
                    "ExtensionNoteUpdatedEvent@#Generated@#Tenant 1@#100000@#note 2",
                    "ExtensionNoteUpdatedEvent@#Generated@#Tenant 1@#100000@#note 3",
                    "ExtensionNoteUpdatedEvent@#Generated@#Tenant 1@#100000@#note 4");
            assertThat(hub.statusClients().slowClientsDropped()).isZero();
        }
    }

    @Test
    void aClientThatAlsoLagsBehindTheEventsByMoreThanTheBoundIsStillCutOff() {
        String longNote = "n".repeat(4000);
        try (LineClient setter = hub.client(); LineClient slow = LineClient.withReceiveBuffer(hub.statusPort(), 4096)) {
            slow.send("get_extension_state");
            await().until(() -> hub.statusClients().pendingBytes() > 4 * BOUND);
            for (int i = 0; hub.statusClients().slowClientsDropped() == 0; i++) {
                assertThat(i).as("events far beyond the bound are waiting for the slow client").isLessThan(40);
                setter.set(NOTE_OF_100000 + i + longNote);
            }
            assertThat(slow.isClosedByServer(10_000)).isTrue();
        }
    }
}
