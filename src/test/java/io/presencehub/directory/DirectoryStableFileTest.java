package io.presencehub.directory;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencehub.model.DirectoryEvent;
import io.presencehub.model.DirectoryEvent.Kind;
import io.presencehub.testing.TestDirectories;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A changed file applies at the second check in a row that finds it unchanged (size, time and digest), so a file
 * written slowly in place is not applied half-way.
 */
class DirectoryStableFileTest {

    private static final String WITH_MEETING = TestDirectories.SMALL.replace("{name: Lunch, type: away}",
            "{name: Lunch, type: away}\n          - {name: Meeting, type: dnd}");

    @TempDir
    Path folder;

    @Test
    void aFileWrittenSlowlyAppliesOnceCompleteAsTheOneChangeMade() {
        DirectoryFixture directory = new DirectoryFixture(folder);
        // the writer has got as far as the last extension: valid YAML, without extension 3001
        directory.write(WITH_MEETING.substring(0, WITH_MEETING.indexOf("- {number: \"3001\"}")));

        assertThat(directory.service.reloadIfChanged()).as("a file seen once may still be being written").isFalse();
        directory.write(WITH_MEETING);
        assertThat(directory.service.reloadIfChanged()).as("it changed since the last check").isFalse();
        assertThat(directory.service.reloadIfChanged()).as("unchanged since the last check").isTrue();

        assertThat(directory.events).containsExactly(DirectoryEvent.of(Kind.STATUS_ADDED, "HQ", "Sales", "Meeting"));
    }

    @Test
    void aFileThatChangesAtEveryCheckIsNeverApplied() {
        DirectoryFixture directory = new DirectoryFixture(folder);

        for (int i = 0; i < 5; i++) {
            directory.write(WITH_MEETING + "#".repeat(i));
            assertThat(directory.service.reloadIfChanged()).isFalse();
        }

        assertThat(directory.events).isEmpty();
        assertThat(directory.service.reloadIfChanged()).isTrue();
    }

    @Test
    void theLoadedFileCheckedAgainChangesNothing() {
        DirectoryFixture directory = new DirectoryFixture(folder);

        assertThat(directory.checkTwice()).isFalse();
        assertThat(directory.events).isEmpty();
    }
}
