package io.presencehub.statusinterface;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.presencehub.testing.LineClient;
import io.presencehub.testing.TestHub;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many clients at once, and a client that never reads. */
class StatusInterfaceClientsTest {

    @TempDir
    Path folder;
    TestHub hub;

    @BeforeEach
    void startHub() {
        hub = TestHub.in(folder).with("hub.status.max-pending-bytes", "65536").start();
    }

    @AfterEach
    void stopHub() {
        hub.close();
    }

    @Test
    void everyOneOfTwoHundredClientsGetsEveryEventInOrderWhileTwoClientsSetAtOnce() {
        List<LineClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                clients.add(hub.client());
            }
            LineClient alicesSetter = clients.get(0);
            LineClient bobsSetter = clients.get(1);
            CompletableFuture<Void> bob = CompletableFuture.runAsync(() -> {
                for (int i = 1; i <= 20; i++) {
                    assertThat(bobsSetter.set("set_extension_note@#HQ@#Sales@#1003@#bob " + i))
                            .contains("ExtensionNoteUpdatedEvent@#HQ@#Sales@#1003@#bob " + i);
                }
            });
            for (int i = 1; i <= 20; i++) {
                // the setter's own events come before its empty-line reply (bob's may be mixed in)
                assertThat(alicesSetter.set("set_extension_note@#HQ@#Sales@#1001@#alice " + i)).contains(
                        "ExtensionNoteUpdatedEvent@#HQ@#Sales@#1001@#alice " + i,
                        "ExtensionNoteUpdatedEvent@#HQ@#Sales@#1002@#alice " + i);
            }
            bob.join();
            for (LineClient listener : clients.subList(2, clients.size())) {
                List<String> lines = listener.readLines(60);
                for (String extension : List.of("1001", "1002", "1003")) {
                    String who = extension.equals("1003") ? "bob " : "alice ";
                    List<String> expected = new ArrayList<>();
                    for (int i = 1; i <= 20; i++) {
                        expected.add("ExtensionNoteUpdatedEvent@#HQ@#Sales@#" + extension + "@#" + who + i);
                    }
                    assertThat(lines.stream().filter(l -> l.contains("@#Sales@#" + extension + "@#")))
                            .as("events for %s, in order", extension).containsExactlyElementsOf(expected);
                }
            }
        } finally {
            clients.forEach(LineClient::close);
        }
    }

    @Test
    void aClientThatStopsReadingIsDisconnectedWhileOthersKeepReceiving() throws IOException {
        StatusClientGroup group = hub.statusClients();
        try (Socket stalled = new Socket(); LineClient setter = hub.client(); LineClient reader = hub.client()) {
            stalled.setReceiveBufferSize(4096);
            stalled.connect(new InetSocketAddress("127.0.0.1", hub.statusPort()));
            await().until(() -> group.size() == 3);
            String note = "n".repeat(4000);
            int changes = 400; // about 1.6 MB of events: far beyond the 64 KiB bound plus socket buffers
            for (int i = 0; i < changes; i++) {
                setter.set("set_extension_note@#HQ@#Sales@#1004@#" + i + note);
                assertThat(reader.readLine()).isEqualTo("ExtensionNoteUpdatedEvent@#HQ@#Sales@#1004@#" + i + note);
            }
            await().until(() -> group.slowClientsDropped() == 1 && group.size() == 2);
            assertThat(drain(stalled)).as("the stalled client got only part of the events, then end of stream")
                    .isLessThan((long) changes * note.length());
        }
    }

    private static long drain(Socket socket) throws IOException {
        socket.setSoTimeout(10_000);
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[65536];
        long total = 0;
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                total += n;
            }
        } catch (java.net.SocketException reset) {
            // a reset also ends the stream
        }
        return total;
    }
}
