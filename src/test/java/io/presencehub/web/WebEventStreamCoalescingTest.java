package io.presencehub.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.presencehub.testing.SlowMachineTimeouts;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What piles up for an event client while its event loop is busy goes out in one write, in order, and nothing is
 * lost after that write: the web server's clients may share one loop, which could not make a write per event and
 * client at 1,000 changes/s to 100 clients (bench/web.sh). Vert.x with a single event loop, so blocking it holds
 * back every write; the HTTP chunks on the wire show the writes.
 */
class WebEventStreamCoalescingTest {

    private static final Pattern EVENT_N = Pattern.compile("event: state\ndata: \\{\"n\":(\\d+)}");

    private Vertx vertx;
    private HttpServer server;
    private final WebEventStream stream = new WebEventStream(new WebEventLog("run1", 1000), 1 << 20);

    @BeforeEach
    void startServer() throws Exception {
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        Router router = Router.router(vertx);
        router.get("/api/events").handler(stream);
        server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stopServer() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void eventsPublishedWhileTheLoopIsBusyArriveInOrderInOneWriteAndLaterOnesStillArrive() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.actualPort())) {
            socket.setSoTimeout((int) SlowMachineTimeouts.AWAIT.toMillis());
            socket.getOutputStream().write("GET /api/events HTTP/1.1\r\nHost: localhost\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = new BufferedInputStream(socket.getInputStream());
            skipHeaders(in);
            assertThat(chunk(in)).startsWith(": presence hub events");
            await().atMost(SlowMachineTimeouts.AWAIT).until(() -> stream.clientCount() == 1);

            CountDownLatch busy = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            vertx.runOnContext(v -> {
                busy.countDown();
                awaitQuietly(release);
            });
            assertThat(busy.await(10, TimeUnit.SECONDS)).isTrue();
            for (int n = 1; n <= 100; n++) {
                stream.publish("state", "{\"n\":" + n + "}");
            }
            release.countDown();

            assertThat(numbers(chunk(in))).as("all 100 events in one chunk, in order")
                    .containsExactlyElementsOf(rangeClosed(1, 100));
            stream.publish("state", "{\"n\":101}");
            assertThat(numbers(chunk(in))).containsExactly(101);
        }
    }

    private static List<Integer> rangeClosed(int from, int to) {
        List<Integer> numbers = new ArrayList<>();
        for (int n = from; n <= to; n++) {
            numbers.add(n);
        }
        return numbers;
    }

    private static List<Integer> numbers(String text) {
        List<Integer> numbers = new ArrayList<>();
        Matcher matcher = EVENT_N.matcher(text);
        while (matcher.find()) {
            numbers.add(Integer.parseInt(matcher.group(1)));
        }
        return numbers;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void skipHeaders(InputStream in) throws IOException {
        String line = line(in);
        assertThat(line).startsWith("HTTP/1.1 200");
        while (!line.isEmpty()) {
            line = line(in);
        }
    }

    /** One HTTP chunk's data (chunked transfer encoding: hex size, CRLF, data, CRLF). */
    private static String chunk(InputStream in) throws IOException {
        int size = Integer.parseInt(line(in).strip(), 16);
        byte[] data = in.readNBytes(size);
        assertThat(line(in)).isEmpty();
        return new String(data, StandardCharsets.UTF_8);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("stream ended");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.UTF_8);
    }
}
