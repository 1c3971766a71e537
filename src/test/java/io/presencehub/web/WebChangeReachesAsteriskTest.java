package io.presencehub.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencehub.asterisk.FakeAsterisk;
import io.presencehub.testing.TestHub;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A change made over the REST API (origin WEB) goes out to Asterisk like a status client's. */
class WebChangeReachesAsteriskTest {

    @TempDir
    Path folder;

    @Test
    void aStatusSetOverTheApiIsWrittenToThePhone() throws Exception {
        try (FakeAsterisk asterisk = new FakeAsterisk().start();
             TestHub hub = TestHub.in(folder).withAsterisk(asterisk).start()) {
            TestHub.await().until(hub::asteriskConnected);
            assertThat(new WebClient(hub.webPort()).put("/api/users/HQ/Sales/1001/status",
                    "{\"status\":\"Do Not Disturb\"}").statusCode()).isEqualTo(200);
            TestHub.await().until(() -> asterisk.setvarCount("CustomPresence:1001") == 1 && hub.asteriskWriterIdle());
            assertThat(asterisk.lastSetvarValue("CustomPresence:1001").orElseThrow()).startsWith("dnd,");
        }
    }
}
