package io.presencehub.store;

import io.presencehub.model.UserKey;
import io.presencehub.model.UserState;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The append-only file of user-state changes beside an H2 database file: segments
 * {@code <base>.journal.1}, {@code .2} …, one {@link JournalLine} per change. An append is one
 * {@code write} of one line: in the operating system's cache when it returns (it survives
 * {@code kill -9}, not a power cut: H2 with {@code WRITE_DELAY=0} does not sync either). Appends go to
 * the newest segment; {@link #rotate} starts the next one, so that older segments can be deleted once
 * their changes are in the database. Not thread-safe: its store serialises every call.
 */
final class ChangeJournal implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChangeJournal.class);
    private static final String SEGMENT = ".journal.";

    /** What a replay read: the latest state per user, in the order of their last change, and each line skipped. */
    record Replay(Map<UserKey, UserState> states, int lines, List<String> skipped) {
    }

    private final Path base;
    private FileChannel channel;
    private long number;
    private boolean broken;
    private boolean closed;

    private ChangeJournal(Path base, long number) {
        this.base = base;
        this.number = number;
    }

    /**
     * Starts a new segment numbered after every existing one (replay and delete those first).
     *
     * @param base the database file's path without {@code .mv.db}
     */
    static ChangeJournal open(Path base) throws IOException {
        List<Path> existing = segments(base);
        ChangeJournal journal = new ChangeJournal(base, existing.isEmpty() ? 0 : number(existing.get(existing.size() - 1)));
        journal.openNext();
        return journal;
    }

    /** The segment files of a journal, oldest first. */
    static List<Path> segments(Path base) throws IOException {
        List<Path> segments = new ArrayList<>();
        String prefix = base.getFileName() + SEGMENT;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(base.toAbsolutePath().getParent(), prefix + "*")) {
            for (Path file : files) {
                String suffix = file.getFileName().toString().substring(prefix.length());
                if (!suffix.isEmpty() && suffix.chars().allMatch(Character::isDigit) && suffix.length() < 19) {
                    segments.add(file);
                }
            }
        }
        segments.sort(Comparator.comparingLong(ChangeJournal::number));
        return segments;
    }

    private static long number(Path segment) {
        String name = segment.getFileName().toString();
        return Long.parseLong(name.substring(name.lastIndexOf('.') + 1));
    }

    /**
     * Appends one encoded line with as many writes as it takes. After a failed append the next one
     * starts a new segment, so that no line is ever written behind a torn one.
     */
    void append(byte[] line) throws IOException {
        if (closed) {
            throw new ClosedChannelException();
        }
        if (broken) {
            openNext();
        }
        ByteBuffer buffer = ByteBuffer.wrap(line);
        try {
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        } catch (IOException e) {
            broken = true;
            throw e;
        }
    }

    /** Starts the next segment; every line appended before is in an older one. */
    void rotate() throws IOException {
        if (closed) {
            throw new ClosedChannelException();
        }
        openNext();
    }

    /** The segment appends go to. */
    Path current() {
        return segment(number);
    }

    /** The segments older than the current one, oldest first (their changes are flushed when they go). */
    List<Path> older() throws IOException {
        return segments(base).stream().filter(s -> number(s) < number).toList();
    }

    private void openNext() throws IOException {
        FileChannel next = FileChannel.open(segment(number + 1), StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW);
        number++;
        FileChannel previous = channel;
        channel = next;
        broken = false;
        if (previous != null) {
            try {
                previous.close();
            } catch (IOException e) {
                LOG.debug("Closing journal segment {} failed: {}", segment(number - 1), e.getMessage());
            }
        }
    }

    private Path segment(long n) {
        return base.resolveSibling(base.getFileName() + SEGMENT + n);
    }

    /**
     * Deletes segments oldest first and stops at the first that cannot go: what is left is always every
     * segment from some point on, so a replay of it in order still ends at each user's latest state.
     */
    static void delete(List<Path> segments) throws IOException {
        for (Path segment : segments) {
            Files.deleteIfExists(segment);
        }
    }

    /**
     * Reads segments in order. A line that fails its checksum or does not parse is skipped with a
     * warning naming the file, the line and why (a torn last line after a power cut, a damaged file);
     * the lines around it count.
     */
    static Replay replay(List<Path> segments) throws IOException {
        Map<UserKey, UserState> states = new LinkedHashMap<>();
        List<String> skipped = new ArrayList<>();
        int lines = 0;
        for (Path segment : segments) {
            byte[] bytes = Files.readAllBytes(segment);
            int start = 0;
            int lineNumber = 0;
            while (start < bytes.length) {
                int end = start;
                while (end < bytes.length && bytes[end] != '\n') {
                    end++;
                }
                lineNumber++;
                try {
                    JournalLine.Entry entry = JournalLine.decode(bytes, start, end);
                    states.remove(entry.user());
                    states.put(entry.user(), entry.state());
                    lines++;
                } catch (IllegalArgumentException e) {
                    String torn = end == bytes.length ? "last line cut short (" + e.getMessage() + ")" : e.getMessage();
                    String why = "Journal " + segment + " line " + lineNumber + " skipped: " + torn;
                    LOG.warn(why);
                    skipped.add(why);
                }
                start = end + 1;
            }
        }
        return new Replay(states, lines, skipped);
    }

    /** Closes the current segment; later appends fail. */
    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            channel.close();
        }
    }

    /** The channel of the current segment (tests close it to make an append fail). */
    FileChannel channel() {
        return channel;
    }
}
