package io.presencehub.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.presencehub.model.Location;
import io.presencehub.testing.LogCapture;
import io.presencehub.testing.LogCapture.Line;
import io.presencehub.testing.TestDirectories;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A directory file that cannot be used is reported once per new problem, in one line naming the file and the
 * reason, and once more (INFO) when it is usable again; the previous directory stays in force, and no problem
 * escapes a check.
 */
class DirectoryFileProblemsTest {

    private static final String BROKEN = "locations: [ {name: HQ";

    @TempDir
    Path folder;

    private static List<String> messages(LogCapture log) {
        return log.all().stream().map(Line::message).toList();
    }

    private String rejected(DirectoryFixture directory, String reason) {
        return "Directory file " + directory.file.toAbsolutePath() + " rejected, the previous directory stays in force: "
                + reason;
    }

    @Test
    void eachNewReadProblemIsLoggedOnceWithItsReason() throws IOException {
        DirectoryFixture directory = new DirectoryFixture(folder);
        try (LogCapture log = LogCapture.start()) {
            Files.delete(directory.file);
            directory.checkTwice();
            directory.checkTwice();
            Files.createDirectory(directory.file);
            directory.checkTwice();
            directory.checkTwice();
            Files.delete(directory.file);
            directory.write(TestDirectories.SMALL);
            directory.checkTwice();

            assertThat(messages(log)).containsExactly(
                    rejected(directory, "no such file"),
                    rejected(directory, "is a directory"),
                    "Directory file " + directory.file.toAbsolutePath() + " is usable again");
            assertThat(log.all()).noneMatch(Line::hasThrowable);
        }
        assertThat(directory.events).isEmpty();
    }

    @Test
    void aBrokenFileThatComesBackAfterAFixIsLoggedAgain() {
        DirectoryFixture directory = new DirectoryFixture(folder);
        try (LogCapture log = LogCapture.start()) {
            directory.write(BROKEN);
            directory.checkTwice();
            directory.write(TestDirectories.SMALL);
            directory.checkTwice();
            directory.write(BROKEN);
            directory.checkTwice();
            directory.checkTwice();

            assertThat(log.atLeast(Level.WARN)).hasSize(2).allSatisfy(line -> assertThat(line.message())
                    .startsWith(rejected(directory, "not valid YAML")));
            assertThat(log.all()).filteredOn(line -> line.level() == Level.INFO).singleElement()
                    .satisfies(line -> assertThat(line.message()).endsWith("is usable again"));
        }
    }

    @Test
    void aLatin1FileIsRejectedWithWhereItIsNotUtf8() {
        DirectoryFixture directory = new DirectoryFixture(folder);
        try (LogCapture log = LogCapture.start()) {
            directory.write(TestDirectories.SMALL.getBytes(StandardCharsets.ISO_8859_1));

            assertThat(directory.checkTwice()).isFalse();

            assertThat(messages(log)).containsExactly(rejected(directory, "invalid UTF-8 at line 27, column 12"));
        }
        assertThat(directory.service.get().directory().locationNamed("Zürich Büro")).isPresent();
    }

    @Test
    void aLatin1FileIsRejectedAtStartUpToo() throws IOException {
        Path file = folder.resolve("directory.yaml");
        Files.write(file, TestDirectories.SMALL.getBytes(StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> DirectoryService.load(file))
                .isInstanceOf(DirectoryException.class)
                .hasMessage("directory file " + file.toAbsolutePath() + " rejected: invalid UTF-8 at line 27, column 12");
    }

    @Test
    void aDeeplyNestedFileIsOneLineNamingTheFile() {
        DirectoryFixture directory = new DirectoryFixture(folder);
        try (LogCapture log = LogCapture.start()) {
            directory.write("locations: " + "[".repeat(50_000) + "]".repeat(50_000) + "\n");

            for (int i = 0; i < 5; i++) {
                assertThat(directory.service.reloadIfChanged()).isFalse();
            }

            assertThat(log.all()).singleElement().satisfies(line -> {
                assertThat(line.message()).isEqualTo(rejected(directory, "nested more than 50 levels deep at line 1"));
                assertThat(line.hasThrowable()).isFalse();
            });
        }
    }

    @Test
    void aFileOverTheSizeLimitIsNotRead() throws IOException {
        int limit = TestDirectories.SMALL.getBytes(StandardCharsets.UTF_8).length + 10;
        DirectoryFixture directory = new DirectoryFixture(folder, new DirectoryOptions(limit, false, Duration.ZERO));
        try (LogCapture log = LogCapture.start()) {
            directory.write(TestDirectories.SMALL + "# a comment\n");

            assertThat(directory.checkTwice()).isFalse();

            assertThat(messages(log)).containsExactly(rejected(directory,
                    "it has " + (limit + 2) + " bytes, more than hub.directory.max-size (" + limit + ")"));
        }
        assertThatThrownBy(() -> DirectoryService.load(directory.file, new DirectoryOptions(limit, false, Duration.ZERO),
                directory.clock)).hasMessage("cannot read directory file " + directory.file.toAbsolutePath()
                + ": it has " + (limit + 2) + " bytes, more than hub.directory.max-size (" + limit + ")");
    }

    @Test
    void aDirectoryOverSnakeYamlsDefaultLimitOf3MiBLoadsAtStartUpAndOnReload() throws IOException {
        String large = TestDirectories.generated(20_000);
        assertThat(large.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(3 * 1024 * 1024);
        // it replaces every extension of the test directory: a mass removal, allowed here
        DirectoryFixture directory = new DirectoryFixture(folder,
                new DirectoryOptions(DirectoryOptions.DEFAULTS.maxSize(), true, Duration.ZERO));

        directory.write(large);
        assertThat(directory.checkTwice()).isTrue();
        assertThat(DirectoryService.load(directory.file).get().directory().locations()).extracting(Location::name)
                .containsExactly("Generated");
    }

    @Test
    void aListenerThatFailsEvenWithAnErrorDoesNotStopTheOthersNorEscape() {
        DirectoryFixture directory = new DirectoryFixture(folder);
        List<DirectoryService.Reload> heard = new ArrayList<>();
        directory.service.addReloadListener(reload -> {
            throw new StackOverflowError();
        });
        directory.service.addReloadListener(heard::add);
        directory.write(TestDirectories.SMALL.replace("{number: \"3001\"}", "{number: \"3002\"}"));

        assertThat(directory.checkTwice()).isTrue();
        assertThat(heard).hasSize(1);
    }

    @Test
    void anythingElseThatGoesWrongInACheckIsOneLineAndNeverThrown() {
        DirectoryFixture directory = new DirectoryFixture(folder);
        directory.service.announceWith(swap -> {
            throw new StackOverflowError();
        }, reload -> { });
        try (LogCapture log = LogCapture.start()) {
            directory.write(TestDirectories.SMALL.replace("{number: \"3001\"}", "{number: \"3002\"}"));

            assertThat(directory.checkTwice()).isFalse();
            assertThat(directory.service.reloadIfChanged()).isFalse();

            assertThat(log.all()).singleElement().satisfies(line -> {
                assertThat(line.message()).isEqualTo(rejected(directory, "the check failed: java.lang.StackOverflowError"));
                assertThat(line.hasThrowable()).isFalse();
            });
        }
    }
}
