package io.presencehub.statusinterface;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencehub.testing.FreePort;
import io.presencehub.testing.HubJarProcess;
import io.presencehub.testing.LineClient;
import io.presencehub.testing.TestDirectories;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar as {@code scripts/run.sh} runs it ({@code -Xmx160m}), 1,000 clients that connect and never
 * read, and a client that pipelines changes with 4 KB notes: the non-readers are cut off, the reader
 * gets every event, the hub stays healthy inside its heap, and it still stops on SIGTERM.
 */
class NonReadingClientsIT {

    private static final String NOTE = "n".repeat(4096);
    private static final String RUN_SH_JVM = "-Xmx160m -XX:+UseParallelGC -XX:ParallelGCThreads=2 -XX:TieredStopAtLevel=1";

    @TempDir
    Path folder;

    @Test
    void aThousandNonReadersCannotTakeTheHubDown() throws Exception {
        Path directory = folder.resolve("directory.yaml");
        Files.writeString(directory, TestDirectories.SMALL);
        int management = FreePort.find();
        List<Socket> nonReaders = new ArrayList<>();
        ExecutorService threads = null;
        try (HubJarProcess hub = HubJarProcess.start(folder,
                Map.of("hub.directory.file", directory.toString(), "camel.management.port", Integer.toString(management)),
                Map.of("JAVA_TOOL_OPTIONS", RUN_SH_JVM))) {
            try (LineClient setter = hub.client(); LineClient reader = hub.client()) {
                for (int i = 0; i < 1000; i++) {
                    nonReaders.add(nonReader(setter.socket().getPort()));
                }
                int changes = 2000;
                // pipelined, up to 100 commands ahead of their acknowledgements: the setter and the reader (both
                // reading) stay within the per-client bound even when this JVM stalls for a while on a loaded machine
                Semaphore window = new Semaphore(100);
                threads = Executors.newFixedThreadPool(2);
                CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < changes; i++) {
                        window.acquireUninterruptibly();
                        setter.send("set_extension_note@#HQ@#Sales@#1004@#" + i + NOTE);
                    }
                }, threads);
                // the setter reads too: its own events and one empty-line acknowledgement per change
                CompletableFuture<Long> acknowledged = CompletableFuture.supplyAsync(() -> {
                    long empty = 0;
                    for (int line = 0; line < 2 * changes; line++) {
                        if (setter.readLine().isEmpty()) {
                            empty++;
                            window.release();
                        }
                    }
                    return empty;
                }, threads);
                for (int i = 0; i < changes; i++) {
                    assertThat(reader.readLine()).isEqualTo("ExtensionNoteUpdatedEvent@#HQ@#Sales@#1004@#" + i + NOTE);
                }
                sending.join();
                assertThat(acknowledged.join()).isEqualTo(changes);
                for (Socket nonReader : nonReaders) {
                    assertThat(readsToEnd(nonReader)).as("the hub cut this non-reader off").isTrue();
                }
                assertThat(health(management)).contains("\"status\":\"UP\"").doesNotContain("DOWN");
                try (LineClient late = hub.client()) {
                    assertThat(late.ask("get_extension_note@#HQ@#Sales@#1004")).isEqualTo("ExtensionNote@#" + (changes - 1) + NOTE);
                }
                // SIGTERM while 300 new non-readers hold a backlog: the hub still stops
                for (int i = 0; i < 300; i++) {
                    nonReaders.add(nonReader(setter.socket().getPort()));
                }
                for (int i = 0; i < 5; i++) {
                    setter.set("set_extension_note@#HQ@#Sales@#1004@#last " + i + NOTE);
                }
                hub.stop(); // fails unless the process ends within the stop timeout
            } finally {
                if (threads != null) {
                    threads.shutdownNow();
                }
                nonReaders.forEach(NonReadingClientsIT::closeQuietly);
            }
            assertThat(hub.log()).doesNotContain("OutOfMemoryError").contains("disconnecting it");
        }
    }

    private static Socket nonReader(int port) {
        try {
            Socket socket = new Socket();
            socket.setReceiveBufferSize(4096);
            socket.connect(new InetSocketAddress("127.0.0.1", port));
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads what the kernel holds for the socket: true when the hub has closed it. */
    private static boolean readsToEnd(Socket socket) throws IOException {
        socket.setSoTimeout(30_000);
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[65536];
        try {
            while (in.read(buffer) >= 0) {
                // what was sent before the cut
            }
            return true;
        } catch (SocketException reset) {
            return true; // closed with unread data: a reset also ends the stream
        }
    }

    private static String health(int port) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/observe/health?exposureLevel=full")).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.body();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already gone
        }
    }
}
