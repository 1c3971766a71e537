package io.presencehub.statusinterface;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.presencehub.testing.LineClient;
import io.presencehub.testing.TestHub;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What waits for clients that do not read is bounded for all clients together
 * ({@code hub.status.max-total-pending-bytes}), not only per client: over the bound the biggest
 * laggards are cut off first, and the clients that read keep getting every event.
 */
class StatusInterfaceBacklogTest {

    private static final String NOTE = "n".repeat(4000);

    @TempDir
    Path folder;
    TestHub hub;

    @AfterEach
    void stopHub() {
        if (hub != null) {
            hub.close();
        }
    }

    private StatusClientGroup start(long maxTotal) {
        // the per-client bound is far away: only the total bound can cut anyone off
        hub = TestHub.in(folder)
                .with("hub.status.max-pending-bytes", Integer.toString(64 * 1024 * 1024))
                .with("hub.status.max-total-pending-bytes", Long.toString(maxTotal))
                .with("hub.status.socket-send-buffer", "4096")
                .start();
        return hub.statusClients();
    }

    @Test
    void overTheTotalBoundTheBiggestLaggardIsCutOffFirst() throws IOException {
        StatusClientGroup group = start(256 * 1024);
        try (LineClient setter = hub.client(); LineClient reader = hub.client(); Socket early = nonReader(group)) {
            for (int i = 0; i < 20; i++) {
                change(setter, reader, i); // about 80 kB that only the early non-reader lags behind by
            }
            try (Socket late = nonReader(group)) {
                for (int i = 20; group.slowClientsDropped() == 0; i++) {
                    assertThat(i).as("the total bound was reached long ago").isLessThan(400);
                    change(setter, reader, i);
                }
                await().until(() -> !isConnected(group, early));
                assertThat(isConnected(group, late)).as("the smaller laggard is still served").isTrue();
                assertThat(group.slowClientsDropped()).isEqualTo(1);
            }
        }
    }

    @Test
    void aHundredNonReadersAreCutOffWhileTheReaderGetsEveryEventAndTheBacklogStaysBounded() {
        long maxTotal = 1024 * 1024;
        StatusClientGroup group = start(maxTotal);
        List<Socket> nonReaders = new ArrayList<>();
        try (LineClient setter = hub.client(); LineClient reader = hub.client()) {
            for (int i = 0; i < 100; i++) {
                nonReaders.add(nonReader(group));
            }
            long mostPending = 0;
            for (int i = 0; i < 400; i++) { // 1.6 MB of events for each non-reader: 160 MB in all without the bound
                change(setter, reader, i);
                mostPending = Math.max(mostPending, group.pendingBytes());
            }
            // one event pass may briefly put every client one event over the bound before the laggards are cut
            assertThat(mostPending).isLessThan(maxTotal + 100 * 2 * (NOTE.length() + 100));
            await().until(() -> group.slowClientsDropped() == 100 && group.size() == 2);
            assertThat(setter.ask("get_extension_note@#HQ@#Sales@#1004")).isEqualTo("ExtensionNote@#399" + NOTE);
        } finally {
            nonReaders.forEach(StatusInterfaceBacklogTest::closeQuietly);
        }
    }

    /** One change of 1004's note; returns once the reading client has its event. */
    private static void change(LineClient setter, LineClient reader, int i) {
        setter.set("set_extension_note@#HQ@#Sales@#1004@#" + i + NOTE);
        assertThat(reader.readLine()).isEqualTo("ExtensionNoteUpdatedEvent@#HQ@#Sales@#1004@#" + i + NOTE);
    }

    /** A client with a tiny receive buffer that never reads, once the hub has registered it. */
    private Socket nonReader(StatusClientGroup group) {
        try {
            Socket socket = new Socket();
            socket.setReceiveBufferSize(4096);
            socket.connect(new InetSocketAddress("127.0.0.1", hub.statusPort()));
            await().until(() -> isConnected(group, socket));
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isConnected(StatusClientGroup group, Socket socket) {
        int port = socket.getLocalPort();
        return group.stream().anyMatch(c -> c.remoteAddress() instanceof InetSocketAddress a && a.getPort() == port);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already gone
        }
    }
}
