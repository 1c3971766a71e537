package io.presencehub.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.presencehub.directory.DirectoryException;
import io.presencehub.testing.TestHub;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A hub that cannot start leaves nothing open behind it: the next start (or a test) gets its database. */
class FailedStartTest {

    @TempDir
    Path folder;

    @Test
    void aDirectoryFileRejectedAtStartLeavesTheDatabaseClosed() throws Exception {
        TestHub.in(folder).start().close(); // the database exists
        TestHub broken = TestHub.in(folder).directory("locations: [ {name: HQ, tenants: [ {name: Sales, statuses: []");
        assertThatThrownBy(broken::start).hasStackTraceContaining(DirectoryException.class.getName());

        // H2 holds a lock on its file while the database is open (an overlapping lock in this JVM throws)
        try (FileChannel file = FileChannel.open(folder.resolve("data/hub.mv.db"), StandardOpenOption.READ,
                StandardOpenOption.WRITE); FileLock lock = file.tryLock()) {
            assertThat(lock).as("the database file is no longer locked by the failed hub").isNotNull();
        }
        try (TestHub fixed = TestHub.in(folder).start()) {
            assertThat(fixed.applier()).isNotNull();
        }
    }
}
