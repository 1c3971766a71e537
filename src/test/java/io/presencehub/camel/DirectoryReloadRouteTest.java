package io.presencehub.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.presencehub.directory.DirectoryService;
import io.presencehub.testing.LogCapture;
import io.presencehub.testing.LogCapture.Line;
import io.presencehub.testing.TestDirectories;
import io.presencehub.testing.TestHub;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The directory-reload route keeps checking the file every interval whatever a reload runs into, and a file that
 * cannot be used costs one log line, not one per interval.
 */
class DirectoryReloadRouteTest {

    private static final String WITH_3002 = TestDirectories.SMALL.replace("{number: \"3001\"}", "{number: \"3002\"}");
    private static final String WITH_3003 = TestDirectories.SMALL.replace("{number: \"3001\"}", "{number: \"3003\"}");

    @TempDir
    Path folder;
    TestHub hub;

    @AfterEach
    void stopHub() {
        hub.close();
    }

    private DirectoryService directory() {
        return hub.directoryService();
    }

    private boolean inForce(String number) {
        return directory().get().extension("Zürich Büro", "Ventes", number).isPresent();
    }

    /** Waits until the reload route has run {@code checks} more times. */
    private void awaitChecks(int checks) {
        NotifyBuilder notify = new NotifyBuilder(hub.context()).fromRoute("directory-reload").whenCompleted(checks).create();
        await().until(notify::matches);
    }

    @Test
    void anErrorInAReloadStaysInTheReloadAndTheTimerGoesOn() {
        hub = TestHub.in(folder).start();
        AtomicBoolean failed = new AtomicBoolean();
        directory().addReloadListener(reload -> {
            if (!failed.getAndSet(true)) {
                throw new StackOverflowError();
            }
        });
        try (LogCapture log = LogCapture.start()) {
            hub.writeDirectory(WITH_3002);
            await().until(failed::get);
            hub.writeDirectory(WITH_3003);

            await().until(() -> inForce("3003"));
            // Camel's error handler would log the Error with its whole stack trace at every check
            assertThat(log.atLeast(Level.WARN)).singleElement().satisfies(line -> assertThat(line.message())
                    .startsWith("A listener of the directory reload from " + hub.directoryFile() + " failed"));
        }
    }

    @Test
    void aDeeplyNestedFileIsOneLogLineWhileTheTimerGoesOn() {
        hub = TestHub.in(folder).start();
        try (LogCapture log = LogCapture.start()) {
            hub.writeDirectory("locations: " + "[".repeat(50_000) + "]".repeat(50_000) + "\n");
            await().until(() -> !log.atLeast(Level.WARN).isEmpty());
            awaitChecks(5);

            assertThat(log.atLeast(Level.WARN)).singleElement().satisfies(line -> {
                assertThat(line.message()).contains(hub.directoryFile().toString())
                        .endsWith("nested more than 50 levels deep at line 1");
                assertThat(line.hasThrowable()).isFalse();
            });
            assertThat(log.all()).noneMatch(Line::hasThrowable);
        }
        hub.writeDirectory(WITH_3002);
        await().until(() -> inForce("3002"));
    }

    @Test
    void allowMassRemovalAppliesAnEmptyDirectoryAtTheNextChecks() {
        hub = TestHub.in(folder).with("hub.directory.allow-mass-removal", "true").start();

        hub.writeDirectory("locations: []\n");

        await().until(() -> directory().get().directory().locations().isEmpty());
    }

    @Test
    void theMassRemovalHoldIsASettingInCamelsDurationFormat() {
        hub = TestHub.in(folder).with("hub.directory.mass-removal-hold", "300ms").start();
        try (LogCapture log = LogCapture.start()) {
            hub.writeDirectory("locations: []\n");

            await().until(() -> directory().get().directory().locations().isEmpty());
            assertThat(log.atLeast(Level.WARN)).first().satisfies(line -> assertThat(line.message())
                    .contains("it applies once the file has stayed unchanged for 0.3s"));
        }
    }

    @Test
    void theSizeLimitIsASetting() {
        TestHub small = TestHub.in(folder).with("hub.directory.max-size", "100");

        assertThatThrownBy(small::start).hasStackTraceContaining("more than hub.directory.max-size (100)");
        hub = small;
    }
}
