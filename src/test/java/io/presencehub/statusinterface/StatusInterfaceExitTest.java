package io.presencehub.statusinterface;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencehub.testing.LineClient;
import io.presencehub.testing.TestHub;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code exit}: everything queued before it still arrives, then the connection closes; nothing after it counts. */
class StatusInterfaceExitTest {

    @TempDir
    Path folder;
    TestHub hub;

    @BeforeEach
    void startHub() {
        // small kernel buffers: most of what a client has not read yet waits in the hub, not in the kernel
        hub = TestHub.in(folder).with("hub.status.socket-send-buffer", "4096").start();
    }

    @AfterEach
    void stopHub() {
        hub.close();
    }

    @Test
    void exitDeliversEveryEventQueuedBeforeItThenCloses() {
        String note = "n".repeat(1000);
        int changes = 150; // about 300 kB for the reader, well below the cut-off bound of 1 MB
        try (LineClient reader = hub.clientWithReceiveBuffer(4096); LineClient writer = hub.client()) {
            int perChange = writer.set("set_extension_note@#HQ@#Sales@#1001@#" + note + 0).size();
            assertThat(perChange).as("one event per extension of alice").isEqualTo(2);
            for (int i = 1; i < changes; i++) {
                writer.set("set_extension_note@#HQ@#Sales@#1001@#" + note + i);
            }
            reader.send("exit");

            List<String> received = reader.readUntilClosed();
            assertThat(received).hasSize(changes * perChange);
            assertThat(received.get(received.size() - 1))
                    .isEqualTo("ExtensionNoteUpdatedEvent@#HQ@#Sales@#1002@#" + note + (changes - 1));
        }
    }

    @Test
    void anExitingClientThatNeverReadsIsClosedAfterAGracePeriod() {
        StatusClientGroup clients = hub.statusClients();
        try (LineClient reader = hub.clientWithReceiveBuffer(4096); LineClient writer = hub.client()) {
            for (int i = 0; i < 100; i++) {
                writer.set("set_extension_note@#HQ@#Sales@#1001@#" + "n".repeat(1000) + i);
            }
            reader.send("exit"); // and never reads what is queued for it
            assertThat(clients.size()).isEqualTo(2);
            Awaitility.await().atMost(Duration.ofSeconds(40))
                    .until(() -> clients.size() == 1);
            assertThat(writer.ask("get_extension_status@#HQ@#Sales@#1001")).isEqualTo("ExtensionStatus@#Available");
        }
    }

    @Test
    void linesPipelinedBehindExitAreNotHandled() {
        try (LineClient leaving = hub.client(); LineClient other = hub.client()) {
            leaving.send("exit\nset_extension_status@#HQ@#Sales@#1001@#Lunch");
            assertThat(leaving.readUntilClosed()).isEmpty();
            assertThat(other.ask("get_extension_status@#HQ@#Sales@#1001")).isEqualTo("ExtensionStatus@#Available");
        }
    }
}
