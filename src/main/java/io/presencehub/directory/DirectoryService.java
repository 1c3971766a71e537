package io.presencehub.directory;

import io.presencehub.model.Directory;
import io.presencehub.model.DirectoryEvent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the directory in force and reloads it when its file changes. A file that cannot be read
 * or validated is rejected with one clear log line; the previous directory stays in force.
 */
public final class DirectoryService implements Supplier<DirectoryIndex> {

    private static final Logger LOG = LoggerFactory.getLogger(DirectoryService.class);

    private final Path file;
    private final DirectoryParser parser = new DirectoryParser();
    private volatile DirectoryIndex current;
    private volatile String loadedDigest;
    private volatile String rejectedDigest;
    private final List<Consumer<Reload>> listeners = new CopyOnWriteArrayList<>();
    private volatile Consumer<Runnable> swapGuard = Runnable::run;
    private volatile Consumer<Reload> announcer = reload -> { };

    /** What one reload changed. */
    public record Reload(DirectoryIndex before, DirectoryIndex after, List<DirectoryEvent> events) {
    }

    private DirectoryService(Path file, DirectoryIndex initial, String digest) {
        this.file = file;
        this.current = initial;
        this.loadedDigest = digest;
    }

    /**
     * Loads the directory file; when it does not exist yet, it is created from the bundled sample
     * so that a first start runs on a complete example.
     */
    public static DirectoryService load(Path file) {
        try {
            if (!Files.exists(file)) {
                copySample(file);
            }
            byte[] bytes = Files.readAllBytes(file);
            Directory directory = new DirectoryParser().parse(new String(bytes, StandardCharsets.UTF_8));
            LOG.info("Directory loaded from {}: {} locations", file.toAbsolutePath(), directory.locations().size());
            return new DirectoryService(file, new DirectoryIndex(directory), digest(bytes));
        } catch (IOException e) {
            throw new DirectoryException("cannot read directory file " + file.toAbsolutePath() + ": " + e.getMessage(), e);
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

    /**
     * Reloads the file if its content changed since the last load; returns whether a new
     * directory is now in force.
     */
    public synchronized boolean reloadIfChanged() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            return reject("cannot read it: " + e.getMessage(), "unreadable");
        }
        String digest = digest(bytes);
        if (digest.equals(loadedDigest) || digest.equals(rejectedDigest)) {
            return false;
        }
        Directory directory;
        try {
            directory = parser.parse(new String(bytes, StandardCharsets.UTF_8));
        } catch (DirectoryException e) {
            return reject(e.getMessage(), digest);
        }
        DirectoryIndex before = current;
        DirectoryIndex after = new DirectoryIndex(directory);
        List<DirectoryEvent> events = DirectoryDiff.between(before.directory(), directory);
        Reload reload = new Reload(before, after, events);
        swapGuard.accept(() -> {
            current = after;
            announcer.accept(reload);
        });
        loadedDigest = digest;
        rejectedDigest = null;
        LOG.info("Directory reloaded from {}: {} changes", file.toAbsolutePath(), events.size());
        listeners.forEach(listener -> listener.accept(reload));
        return true;
    }

    private boolean reject(String reason, String digest) {
        if (!digest.equals(rejectedDigest)) {
            LOG.error("Directory file {} rejected, the previous directory stays in force: {}", file.toAbsolutePath(), reason);
        }
        rejectedDigest = digest;
        return false;
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

    private static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
