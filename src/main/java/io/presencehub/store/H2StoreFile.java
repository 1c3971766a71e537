package io.presencehub.store;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Checks an H2 database file before H2 opens it, so that a store the hub cannot use stops it with
 * one line saying why. H2 itself would overwrite an empty file with a new database (every user
 * back at defaults, silently), and reports an unwritable folder as a bare {@code IO Exception}.
 */
final class H2StoreFile {

    private H2StoreFile() {
    }

    /**
     * Creates the folder of the database file when missing (H2 does not), checks that a file can be
     * written in it, and that an existing database file is a readable, writable file that is not
     * empty.
     *
     * @throws StoreException with a one-line reason when the store cannot be used
     */
    static void prepare(Path databaseFile) {
        Path folder = databaseFile.getParent();
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw unusable("cannot create the store folder " + folder + ": " + reason(e, folder), e);
        }
        Path probe = folder.resolve(databaseFile.getFileName() + ".write-check");
        try {
            Files.write(probe, new byte[0]);
            Files.delete(probe);
        } catch (IOException e) {
            throw unusable("cannot write in the store folder " + folder + ": " + reason(e, probe), e);
        }
        if (!Files.exists(databaseFile)) {
            return; // a new store: H2 creates the file
        }
        if (!Files.isRegularFile(databaseFile)) {
            throw unusable("the store file " + databaseFile + " is not a regular file", null);
        }
        try (FileChannel channel = FileChannel.open(databaseFile, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            if (channel.size() == 0) {
                throw unusable("the store file " + databaseFile + " is empty (0 bytes, as after a full disk or a"
                        + " failed restore): restore it from a backup, or remove it to start with every user at"
                        + " the defaults", null);
            }
        } catch (IOException e) {
            throw unusable("cannot open the store file " + databaseFile + ": " + reason(e, databaseFile), e);
        }
    }

    private static StoreException unusable(String message, Throwable cause) {
        return new StoreException(message, cause);
    }

    /** What the operating system said, in words ("permission denied", "read-only file system"). */
    static String reason(IOException e, Path subject) {
        String why;
        if (e instanceof AccessDeniedException) {
            why = "permission denied";
        } else if (e instanceof NoSuchFileException) {
            why = "no such file or directory";
        } else if (e instanceof NotDirectoryException) {
            why = "not a directory";
        } else if (e instanceof FileAlreadyExistsException) {
            why = "exists and is not a folder";
        } else if (e instanceof ClosedChannelException) {
            why = "the file is closed";
        } else if (e instanceof FileSystemException f && f.getReason() != null) {
            why = f.getReason();
        } else {
            why = String.valueOf(e.getMessage());
        }
        why = why.isEmpty() ? why : why.substring(0, 1).toLowerCase(Locale.ROOT) + why.substring(1);
        String file = e instanceof FileSystemException f ? f.getFile() : null;
        return file == null || Path.of(file).equals(subject) ? why : why + " (" + file + ")";
    }
}
