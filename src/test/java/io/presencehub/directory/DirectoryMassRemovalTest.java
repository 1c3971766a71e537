package io.presencehub.directory;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencehub.model.Directory;
import io.presencehub.model.DirectoryEvent;
import io.presencehub.model.DirectoryEvent.Kind;
import io.presencehub.model.Location;
import io.presencehub.testing.LogCapture;
import io.presencehub.testing.TestDirectories;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A reload that would remove most of the directory (a truncated file looks like that) is held back with one
 * warning, until the file has stayed unchanged for the hold or mass removal is allowed.
 */
class DirectoryMassRemovalTest {

    private static final String HELD_BACK = "not applied yet, the previous directory stays in force: it would remove 6 of 6"
            + " extensions and 2 of 2 locations; it applies once the file has stayed unchanged for 5m, or at once with"
            + " hub.directory.allow-mass-removal=true";

    @TempDir
    Path folder;

    @ParameterizedTest
    @ValueSource(strings = {"locations: []\n", "locations:\n", "locations:"})
    void aTruncatedFileThatRemovesEverythingIsHeldBackWithOneWarning(String truncated) {
        DirectoryFixture directory = new DirectoryFixture(folder);
        try (LogCapture log = LogCapture.start()) {
            directory.write(truncated);

            assertThat(directory.checkTwice()).isFalse();
            assertThat(directory.service.reloadIfChanged()).isFalse();

            assertThat(directory.events).isEmpty();
            assertThat(directory.service.get().directory().locations()).extracting(Location::name)
                    .containsExactly("HQ", "Zürich Büro");
            assertThat(log.atLeast(Level.WARN)).singleElement().satisfies(line -> {
                assertThat(line.level()).isEqualTo(Level.WARN);
                assertThat(line.message()).isEqualTo("Directory file " + directory.file.toAbsolutePath() + " " + HELD_BACK);
            });
        }
    }

    @Test
    void aHeldBackFileAppliesOnceItStayedUnchangedForTheHold() {
        DirectoryFixture directory = new DirectoryFixture(folder);
        directory.write("locations: []\n");
        assertThat(directory.checkTwice()).isFalse();

        directory.clock.advance(Duration.ofMinutes(5).minusMillis(1));
        assertThat(directory.service.reloadIfChanged()).isFalse();
        directory.clock.advance(Duration.ofMillis(1));
        try (LogCapture log = LogCapture.start()) {
            assertThat(directory.service.reloadIfChanged()).isTrue();

            assertThat(directory.events).containsExactly(DirectoryEvent.of(Kind.LOCATION_REMOVED, "HQ"),
                    DirectoryEvent.of(Kind.LOCATION_REMOVED, "Zürich Büro"));
            assertThat(log.atLeast(Level.WARN)).singleElement().satisfies(line -> assertThat(line.message())
                    .contains("applied although it would remove 6 of 6 extensions and 2 of 2 locations")
                    .contains("stayed unchanged for 5m"));
        }
    }

    @Test
    void aChangeToTheFileStartsTheHoldAgain() {
        DirectoryFixture directory = new DirectoryFixture(folder);
        try (LogCapture log = LogCapture.start()) {
            directory.write("locations: []\n");
            directory.checkTwice();
            directory.clock.advance(Duration.ofMinutes(4));
            directory.write("locations:\n");
            directory.checkTwice();
            directory.clock.advance(Duration.ofMinutes(4));

            assertThat(directory.service.reloadIfChanged()).as("unchanged for 4 minutes only").isFalse();
            directory.clock.advance(Duration.ofMinutes(1));
            assertThat(directory.service.reloadIfChanged()).isTrue();
            assertThat(log.atLeast(Level.WARN)).as("the same removal is one warning").hasSize(2)
                    .first().satisfies(line -> assertThat(line.message()).endsWith(HELD_BACK));
        }
    }

    @Test
    void allowedMassRemovalAppliesAtOnce() {
        DirectoryFixture directory = new DirectoryFixture(folder,
                new DirectoryOptions(DirectoryOptions.DEFAULTS.maxSize(), true, Duration.ofMinutes(5)));
        directory.write("locations: []\n");

        assertThat(directory.checkTwice()).isTrue();
        assertThat(directory.events).hasSize(2);
    }

    @Test
    void aHeldBackFileReplacedByTheDirectoryInForceIsUsableAgain() {
        DirectoryFixture directory = new DirectoryFixture(folder);
        directory.write("locations: []\n");
        directory.checkTwice();
        try (LogCapture log = LogCapture.start()) {
            directory.write(TestDirectories.SMALL);

            assertThat(directory.checkTwice()).isFalse();
            assertThat(log.all()).singleElement().satisfies(line -> assertThat(line.message())
                    .isEqualTo("Directory file " + directory.file.toAbsolutePath() + " is usable again"));
        }
        directory.clock.advance(Duration.ofMinutes(10));
        assertThat(directory.service.reloadIfChanged()).isFalse();
        assertThat(directory.events).isEmpty();
    }

    @Test
    void theFirstLoadHasNothingToRemove() throws IOException {
        Path file = folder.resolve("directory.yaml");
        Files.writeString(file, "locations: []\n");

        DirectoryService service = DirectoryService.load(file, DirectoryOptions.DEFAULTS, Clock.systemUTC());

        assertThat(service.get().directory()).isEqualTo(new Directory(java.util.List.of()));
        Files.writeString(file, TestDirectories.SMALL);
        service.reloadIfChanged();
        assertThat(service.reloadIfChanged()).as("adding everything is no removal").isTrue();
    }
}
