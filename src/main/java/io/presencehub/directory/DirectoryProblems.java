package io.presencehub.directory;

import java.nio.file.Path;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Logs each new problem with the directory file once, however many checks see it again, and
 * says when the file is usable again; a different problem is new, and so is an old one that
 * comes back after the file was good.
 */
final class DirectoryProblems {

    private static final Logger LOG = LoggerFactory.getLogger(DirectoryService.class);

    private final Path file;
    private final Clock clock;
    private String reported;
    private volatile DirectoryService.Rejection last;

    DirectoryProblems(Path file, Clock clock) {
        this.file = file.toAbsolutePath();
        this.clock = clock;
    }

    /** A file that cannot be used: one ERROR line with the reason. */
    void rejected(String reason) {
        report(Level.ERROR, "Directory file " + file + " rejected, the previous directory stays in force: " + reason, reason);
    }

    /** A file held back for now: one WARN line. */
    void heldBack(String reason) {
        report(Level.WARN, "Directory file " + file + " not applied yet, the previous directory stays in force: " + reason,
                "held back: " + reason);
    }

    /** The last file not applied and why (kept after the file is usable again); null for none since the start. */
    DirectoryService.Rejection last() {
        return last;
    }

    /** The file is in force or equal to what is: ends the problem reported last, if any. */
    void resolved() {
        if (reported != null) {
            LOG.info("Directory file {} is usable again", file);
            reported = null;
        }
    }

    private void report(Level level, String line, String reason) {
        if (!line.equals(reported)) {
            last = new DirectoryService.Rejection(clock.instant(), reason);
            LOG.atLevel(level).log(line);
            reported = line;
        }
    }
}
