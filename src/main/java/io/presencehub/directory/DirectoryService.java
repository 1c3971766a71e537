package io.presencehub.directory;

import io.presencehub.directory.DirectoryFile.Content;
import io.presencehub.directory.DirectoryFile.Look;
import io.presencehub.directory.DirectoryFile.Unreadable;
import io.presencehub.model.Directory;
import io.presencehub.model.DirectoryEvent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the directory in force and reloads it when its file changes. Only a complete file is
 * applied: one that two checks in a row found unchanged (size, time, digest), that is UTF-8 and
 * valid, and that does not remove most of the directory (see {@link MassRemoval}). A file that
 * cannot be used is reported once with one log line; the previous directory stays in force.
 */
public final class DirectoryService implements Supplier<DirectoryIndex> {

    private static final Logger LOG = LoggerFactory.getLogger(DirectoryService.class);

    private final Path file;
    private final DirectoryFile reader;
    private final DirectoryParser parser;
    private final DirectoryOptions options;
    private final Clock clock;
    private final DirectoryProblems problems;
    private volatile DirectoryIndex current;
    private volatile Instant loadedAt;
    private String loadedDigest;
    /** The previous check's look, and since when the file has looked like that. */
    private Look lastLook;
    private Instant lastLookSince;
    /** The last changed content judged, so that a file left broken or held is not parsed again on every check. */
    private Judged judged;
    private final List<Consumer<Reload>> listeners = new CopyOnWriteArrayList<>();
    private volatile Consumer<Runnable> swapGuard = Runnable::run;
    private volatile Runnable everyCheck = () -> { };
    private volatile Consumer<Reload> announcer = reload -> { };

    /** What one reload changed. */
    public record Reload(DirectoryIndex before, DirectoryIndex after, List<DirectoryEvent> events) {
    }

    /** A file the hub did not apply, when it first saw it so, and why. */
    public record Rejection(Instant at, String reason) {
    }

    /** A content's verdict: its directory, or why it cannot be used. */
    private record Judged(String digest, Directory directory, String problem) {
    }

    private DirectoryService(Path file, DirectoryOptions options, Clock clock, Content loaded, Directory directory) {
        this.file = file;
        this.reader = new DirectoryFile(file, options.maxSize());
        this.parser = new DirectoryParser(options.maxSize());
        this.options = options;
        this.clock = clock;
        this.problems = new DirectoryProblems(file, clock);
        this.current = new DirectoryIndex(directory);
        this.loadedAt = clock.instant();
        this.loadedDigest = loaded.digest();
        this.lastLook = loaded.summary();
        this.lastLookSince = clock.instant();
    }

    /** {@link #load(Path, DirectoryOptions, Clock)} with the default options and the system clock. */
    public static DirectoryService load(Path file) {
        return load(file, DirectoryOptions.DEFAULTS, Clock.systemUTC());
    }

    /**
     * Loads the directory file; when it does not exist yet, it is created from the bundled sample
     * so that a first start runs on a complete example. There is no directory before it, so the
     * first load is never a mass removal.
     */
    public static DirectoryService load(Path file, DirectoryOptions options, Clock clock) {
        try {
            if (!Files.exists(file)) {
                copySample(file);
            }
        } catch (IOException e) {
            throw new DirectoryException("cannot read directory file " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
        Look look = new DirectoryFile(file, options.maxSize()).look();
        if (look instanceof Unreadable unreadable) {
            throw new DirectoryException("cannot read directory file " + file.toAbsolutePath() + ": " + unreadable.reason());
        }
        Content content = (Content) look;
        try {
            Directory directory = new DirectoryParser(options.maxSize()).parse(content.bytes());
            LOG.info("Directory loaded from {}: {} locations", file.toAbsolutePath(), directory.locations().size());
            return new DirectoryService(file, options, clock, content, directory);
        } catch (DirectoryException e) {
            throw new DirectoryException("directory file " + file.toAbsolutePath() + " rejected: " + e.getMessage(), e);
        }
    }

    /**
     * How a reload takes effect: {@code guard} runs the swap to the new directory together with
     * {@code announcer} (which publishes the structural events), so that nothing published by
     * others can fall between the two; the listeners run afterwards.
     */
    public void announceWith(Consumer<Runnable> guard, Consumer<Reload> announcer) {
        this.swapGuard = guard;
        this.announcer = announcer;
    }

    /** Runs at the start of every check of the file (the hub's heartbeat of the reload thread). */
    public void onEveryCheck(Runnable action) {
        this.everyCheck = action;
    }

    /** Adds a listener called after each successful reload, with what changed, in the order added. */
    public void addReloadListener(Consumer<Reload> listener) {
        listeners.add(listener);
    }

    @Override
    public DirectoryIndex get() {
        return current;
    }

    public Path file() {
        return file;
    }

    /** When the directory in force was loaded (at the start or by the last reload). */
    public Instant loadedAt() {
        return loadedAt;
    }

    /** The last file not applied (rejected or held back) and why; empty if none since the start. */
    public Optional<Rejection> lastRejection() {
        return Optional.ofNullable(problems.last());
    }

    /**
     * Applies the file if it changed since the last load and is complete, valid and safe; returns
     * whether a new directory is now in force. Never throws, not even an Error: it runs on the
     * reload timer, where Camel's error handler would log an escaping StackOverflowError with its
     * whole stack trace at every check (and a timer task that lets an Error out ends its thread).
     */
    public synchronized boolean reloadIfChanged() {
        everyCheck.run();
        try {
            return check();
        } catch (RuntimeException | Error e) {
            LOG.debug("Directory check of {} failed", file.toAbsolutePath(), e);
            problems.rejected("the check failed: " + e);
            return false;
        }
    }

    private boolean check() {
        Look look = reader.look();
        boolean steady = look instanceof Content content ? content.sameAs(lastLook) : look.equals(lastLook);
        if (!steady) {
            lastLookSince = clock.instant();
        }
        lastLook = look instanceof Content content ? content.summary() : look;
        if (!steady) {
            return false; // still being written, or just changed: look again at the next check
        }
        if (look instanceof Unreadable unreadable) {
            problems.rejected(unreadable.reason());
            return false;
        }
        Content content = (Content) look;
        if (content.digest().equals(loadedDigest)) {
            problems.resolved();
            return false;
        }
        Judged verdict = judge(content);
        if (verdict.problem() != null) {
            problems.rejected(verdict.problem());
            return false;
        }
        Optional<MassRemoval> removal = MassRemoval.between(current.directory(), verdict.directory());
        if (removal.isPresent() && !options.allowMassRemoval()) {
            Duration unchanged = Duration.between(lastLookSince, clock.instant());
            if (unchanged.compareTo(options.massRemovalHold()) < 0) {
                problems.heldBack(removal.get().describe() + "; it applies once the file has stayed unchanged for "
                        + text(options.massRemovalHold()) + ", or at once with hub.directory.allow-mass-removal=true");
                return false;
            }
            LOG.warn("Directory file {} applied although {}: it stayed unchanged for {}",
                    file.toAbsolutePath(), removal.get().describe(), text(unchanged));
        }
        apply(verdict.directory(), content.digest());
        problems.resolved();
        return true;
    }

    private Judged judge(Content content) {
        if (judged == null || !judged.digest().equals(content.digest())) {
            try {
                judged = new Judged(content.digest(), parser.parse(content.bytes()), null);
            } catch (DirectoryException e) {
                judged = new Judged(content.digest(), null, e.getMessage());
            }
        }
        return judged;
    }

    private void apply(Directory directory, String digest) {
        DirectoryIndex before = current;
        DirectoryIndex after = new DirectoryIndex(directory);
        List<DirectoryEvent> events = DirectoryDiff.between(before.directory(), directory);
        Reload reload = new Reload(before, after, events);
        swapGuard.accept(() -> {
            current = after;
            announcer.accept(reload);
        });
        loadedDigest = digest;
        loadedAt = clock.instant();
        judged = null;
        LOG.info("Directory reloaded from {}: {} changes", file.toAbsolutePath(), events.size());
        for (Consumer<Reload> listener : listeners) {
            try {
                listener.accept(reload);
            } catch (RuntimeException | Error e) {
                // the new directory is in force; the other listeners must still hear of it
                LOG.error("A listener of the directory reload from {} failed", file.toAbsolutePath(), e);
            }
        }
    }

    /** 5m, 1m30s, 0.5s: as the setting is written. */
    private static String text(Duration duration) {
        return duration.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
    }

    private static void copySample(Path file) throws IOException {
        try (InputStream sample = DirectoryService.class.getResourceAsStream("/presence-hub/directory.yaml")) {
            if (sample == null) {
                throw new IOException("the file does not exist and no sample is bundled");
            }
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Files.copy(sample, file);
            LOG.info("Directory file {} did not exist: created it from the bundled sample", file.toAbsolutePath());
        }
    }
}
