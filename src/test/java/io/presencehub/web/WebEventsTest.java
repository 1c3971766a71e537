package io.presencehub.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.presencehub.model.Origin;
import io.presencehub.model.UserUpdate;
import io.presencehub.testing.LineClient;
import io.presencehub.metrics.MetricsScrape;
import io.presencehub.testing.TestDirectories;
import io.presencehub.testing.TestHub;
import io.presencehub.testing.TestHub;
import io.presencehub.web.SseClient.SseEvent;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/events}: every stored change and every directory reload as a Server-Sent Event, resume with
 * {@code Last-Event-ID} (or a reset when that is no longer possible, as after a restart), the heartbeat, and a
 * client that stops reading is cut off while the others go on.
 */
class WebEventsTest {

    @RegisterExtension
    static final WebHub running = new WebHub(h -> h.with("hub.web.events.keep", "5")
            .with("hub.web.events.heartbeat", "300ms"));

    @TempDir
    Path folder;

    @Test
    void aChangeOverTheStatusInterfaceArrivesAsAStateEvent() throws Exception {
        try (SseClient events = new SseClient(running.web()); LineClient client = running.hub().client()) {
            assertThat(events.response().headers().firstValue("Content-Type")).hasValueSatisfying(
                    t -> assertThat(t).startsWith("text/event-stream"));
            WebLoginTest.assertSecurityHeaders(events.response());
            client.set("set_extension_status@#HQ@#Sales@#1003@#Lunch");
            SseEvent event = events.nextEvent();
            assertThat(event.name()).isEqualTo("state");
            assertThat(event.id()).matches("[0-9a-z]+-[0-9]+");
            JsonNode bob = WebJson.mapper().readTree(event.data());
            assertThat(bob.get("userId").asText()).isEqualTo("bob");
            assertThat(bob.at("/status/name").asText()).isEqualTo("Lunch");
            assertThat(bob.get("origin").asText()).isEqualTo("status_interface");
        }
    }

    @Test
    void theMetricsCountTheConnectedEventClients() {
        int management = running.hub().managementPort();
        try (SseClient events = new SseClient(running.web())) {
            events.next(); // the opening comment: the stream is registered
            assertThat(MetricsScrape.of(management).value("presencehub_sse_clients")).isEqualTo(1);
        }
        TestHub.await().until(() -> MetricsScrape.of(management).value("presencehub_sse_clients") == 0);
    }

    @Test
    void aDirectoryReloadArrivesAsADirectoryEvent() throws Exception {
        try (SseClient events = new SseClient(running.web())) {
            events.next(); // the opening comment: the stream is registered
            String line = TestDirectories.SMALL.lines().filter(l -> l.contains("{number: \"3001\"}")).findFirst()
                    .orElseThrow();
            running.hub().writeDirectory(TestDirectories.SMALL.replace(line, line + "\n" + line.replace("3001", "3002")));
            SseEvent event = events.nextEvent();
            assertThat(event.name()).isEqualTo("directory");
            assertThat(event.data()).contains("\"kind\":\"extension_added\"", "3002");
        }
    }

    @Test
    void lastEventIdResumesWithWhatWasMissedInOrder() {
        String last;
        try (SseClient events = new SseClient(running.web())) {
            events.next();
            note("first");
            last = events.nextEvent().id();
        }
        note("second");
        note("third");
        try (SseClient resumed = new SseClient(running.web().with("Last-Event-ID", last))) {
            SseEvent second = resumed.nextEvent();
            SseEvent third = resumed.nextEvent();
            assertThat(second.data()).contains("\"note\":\"second\"");
            assertThat(third.data()).contains("\"note\":\"third\"");
            assertThat(sequence(second.id())).isEqualTo(sequence(last) + 1);
            assertThat(sequence(third.id())).isEqualTo(sequence(last) + 2);
        }
    }

    @Test
    void anIdOlderThanWhatIsKeptGetsAReset() {
        String last;
        try (SseClient events = new SseClient(running.web())) {
            events.next();
            note("old");
            last = events.nextEvent().id();
        }
        for (int i = 0; i < 6; i++) {
            note("newer " + i);
        }
        try (SseClient resumed = new SseClient(running.web().with("Last-Event-ID", last))) {
            SseEvent reset = resumed.nextEvent();
            assertThat(reset.name()).isEqualTo("reset");
            assertThat(reset.data()).contains("reload");
            note("after the reset");
            assertThat(resumed.nextEvent().data()).contains("after the reset");
        }
    }

    @Test
    void afterARestartAnOldIdGetsAReset() {
        try (TestHub hub = TestHub.in(folder).start()) {
            String last;
            try (SseClient events = new SseClient(new WebClient(hub.webPort()))) {
                events.next();
                hub.applier().apply(UserUpdate.note(TestDirectories.BOB, "before the restart", Origin.WEB));
                last = events.nextEvent().id();
            }
            hub.stop();
            hub.start();
            hub.applier().apply(UserUpdate.note(TestDirectories.BOB, "after the restart", Origin.WEB));
            try (SseClient resumed = new SseClient(new WebClient(hub.webPort()).with("Last-Event-ID", last))) {
                assertThat(resumed.nextEvent().name()).isEqualTo("reset");
            }
        }
    }

    @Test
    void aQuietStreamGetsAHeartbeatComment() {
        try (SseClient events = new SseClient(running.web())) {
            assertThat(events.next().comments()).containsExactly("presence hub events");
            assertThat(events.next().comments()).containsExactly("heartbeat");
        }
    }

    @Test
    void aClientThatStopsReadingIsCutOffAndTheOthersGoOn() throws Exception {
        TestHub hub = running.hub();
        WebEventStream stream = hub.bean(WebEventStream.class);
        try (SseClient reading = new SseClient(running.web()); Socket stalled = new Socket()) {
            reading.next();
            int before = stream.clientCount();
            stalled.setReceiveBufferSize(4096);
            stalled.connect(new InetSocketAddress("127.0.0.1", hub.webPort()));
            OutputStream out = stalled.getOutputStream();
            out.write("GET /api/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            TestHub.await().until(() -> stream.clientCount() == before + 1);
            String big = "x".repeat(WebApi.MAX_NOTE - 10);
            int[] round = {0};
            TestHub.await().until(() -> {
                for (int i = 0; i < 50; i++) {
                    note(big + round[0]++);
                }
                return stream.clientCount() <= before;
            });
            assertThat(closedByServer(stalled)).isTrue();
            note("still flowing");
            SseEvent last = reading.nextEvent();
            while (!last.data().contains("still flowing")) {
                last = reading.nextEvent();
            }
            assertThat(stream.clientCount()).isEqualTo(before);
        }
    }

    /** Reads what the socket still holds: true on end of stream or a reset, false if it stays open. */
    private static boolean closedByServer(Socket socket) throws java.io.IOException {
        socket.setSoTimeout((int) io.presencehub.testing.SlowMachineTimeouts.AWAIT.toMillis());
        byte[] buffer = new byte[65536];
        try {
            while (socket.getInputStream().read(buffer) >= 0) {
                // drain
            }
            return true;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (java.net.SocketException e) {
            return true;
        }
    }

    private static void note(String text) {
        running.hub().applier().apply(UserUpdate.note(TestDirectories.BOB, text, Origin.WEB));
    }

    private static long sequence(String id) {
        return Long.parseLong(id.substring(id.lastIndexOf('-') + 1));
    }
}
