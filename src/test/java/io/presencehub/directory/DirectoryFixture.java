package io.presencehub.directory;

import io.presencehub.model.DirectoryEvent;
import io.presencehub.teams.FakeClock;
import io.presencehub.testing.TestDirectories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link DirectoryService} loaded from {@link TestDirectories#SMALL} in a folder, on a frozen clock, without a
 * reload timer: the test decides when the file is checked. Records the events each reload announces.
 */
final class DirectoryFixture {

    final Path file;
    final FakeClock clock = FakeClock.frozen();
    final DirectoryService service;
    final List<DirectoryEvent> events = new ArrayList<>();

    DirectoryFixture(Path folder, DirectoryOptions options) {
        this.file = folder.resolve("directory.yaml");
        write(TestDirectories.SMALL);
        service = DirectoryService.load(file, options, clock);
        service.announceWith(Runnable::run, reload -> events.addAll(reload.events()));
    }

    DirectoryFixture(Path folder) {
        this(folder, DirectoryOptions.DEFAULTS);
    }

    /** Writes the file in place, as an editor or a copy does. */
    void write(String yaml) {
        write(yaml.getBytes(StandardCharsets.UTF_8));
    }

    void write(byte[] bytes) {
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Two checks in a row: what the reload timer does over two intervals; whether the second applied a file. */
    boolean checkTwice() {
        service.reloadIfChanged();
        return service.reloadIfChanged();
    }
}
