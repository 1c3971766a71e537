package io.presencehub.directory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One look at the directory file: its bytes with their size, modification time and digest, or the
 * reason it cannot be read. Files over the size limit are not read at all.
 */
final class DirectoryFile {

    /** What one look found. Two equal looks in a row mean the file is no longer being written. */
    sealed interface Look permits Content, Unreadable {
    }

    /** The file's bytes as read, with the size and time the file system reported just before. */
    record Content(long size, FileTime modified, String digest, byte[] bytes) implements Look {

        /** Complete (as long as the file system said) and the same file as {@code other}. */
        boolean sameAs(Look other) {
            return other instanceof Content c && bytes.length == size && c.size == size && c.modified.equals(modified)
                    && c.digest.equals(digest);
        }

        /** What a later look is compared with: all but the bytes, which a large directory should not keep twice. */
        Content summary() {
            return new Content(size, modified, digest, new byte[0]);
        }
    }

    /** Why the file cannot be read, e.g. {@code no such file}, {@code is a directory}, {@code permission denied}. */
    record Unreadable(String reason) implements Look {
    }

    private final Path path;
    private final int maxSize;

    DirectoryFile(Path path, int maxSize) {
        this.path = path;
        this.maxSize = maxSize;
    }

    Look look() {
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            if (attributes.isDirectory()) {
                return new Unreadable("is a directory");
            }
            if (attributes.size() > maxSize) {
                return tooLarge(attributes.size());
            }
            byte[] bytes;
            try (InputStream in = Files.newInputStream(path)) {
                bytes = in.readNBytes(maxSize + 1);
            }
            if (bytes.length > maxSize) {
                return tooLarge(bytes.length);
            }
            return new Content(attributes.size(), attributes.lastModifiedTime(), digest(bytes), bytes);
        } catch (IOException e) {
            return new Unreadable(reason(e));
        }
    }

    private Unreadable tooLarge(long size) {
        return new Unreadable("it has " + size + " bytes, more than hub.directory.max-size (" + maxSize + ")");
    }

    /** The reason of a failed read in a few words, as {@code ls} or {@code cat} would give it. */
    static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason().toLowerCase(java.util.Locale.ROOT);
        }
        return e.toString();
    }

    /** A file must be UTF-8: a Latin-1 file would otherwise turn every umlaut into U+FFFD. Fails with the line and column
     * of the first byte that is not. */
    static void checkUtf8(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        // validated through a small buffer: a large file is not held a second time as chars
        CharBuffer out = CharBuffer.allocate(8192);
        CoderResult result;
        do {
            out.clear();
            result = decoder.decode(in, out, true);
        } while (result.isOverflow());
        if (result.isError()) {
            throw new DirectoryException("invalid UTF-8 at " + position(bytes, in.position()));
        }
    }

    /** {@code line L, column C} of the byte at {@code offset}, counted in characters from 1. */
    private static String position(byte[] bytes, int offset) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        String before = new String(bytes, lineStart, offset - lineStart, StandardCharsets.UTF_8);
        return "line " + line + ", column " + (before.codePointCount(0, before.length()) + 1);
    }

    static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
