package io.presencehub.asterisk;

import io.presencehub.testing.TestHub;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the hub tests against FakeAsterisk share: a folder, a started fake, the hub a test starts (field {@code hub}),
 * and a teardown that closes both, the hub first.
 */
abstract class BaseAsteriskHubTest {

    @TempDir
    Path folder;
    FakeAsterisk asterisk;
    TestHub hub;

    @BeforeEach
    void startAsterisk() throws Exception {
        asterisk = new FakeAsterisk().start();
    }

    @AfterEach
    void stopAll() {
        try {
            if (hub != null) {
                hub.close();
            }
        } finally {
            asterisk.close();
        }
    }
}
