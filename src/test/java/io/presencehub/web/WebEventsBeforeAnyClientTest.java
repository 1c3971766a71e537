package io.presencehub.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencehub.testing.LineClient;
import io.presencehub.testing.TestHub;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hub nobody watches over {@code /api/events} spares its changes the JSON: nothing is kept before the first client
 * of a run connects (event ids are per run, so no one could resume from earlier), and everything after.
 */
class WebEventsBeforeAnyClientTest {

    @TempDir
    Path folder;

    @Test
    void changesBeforeTheFirstClientAreNotKeptAndLaterOnesAre() throws Exception {
        try (TestHub hub = TestHub.in(folder).start(); LineClient client = hub.client()) {
            client.set("set_extension_note@#HQ@#Sales@#1001@#unwatched 1");
            client.set("set_extension_note@#HQ@#Sales@#1001@#unwatched 2");
            assertThat(hub.bean(WebEventStream.class).keepsEvents()).isFalse();

            try (SseClient events = new SseClient(new WebClient(hub.webPort()))) {
                events.next(); // the opening comment: the stream is registered
                assertThat(hub.bean(WebEventStream.class).keepsEvents()).isTrue();
                client.set("set_extension_note@#HQ@#Sales@#1001@#watched");
                SseClient.SseEvent event = events.nextEvent();
                assertThat(event.data()).contains("watched");
                assertThat(event.id()).as("the first event kept in this run").endsWith("-1");
            }
        }
    }
}
