package io.presencehub.directory;

/** The directory file cannot be used; the message names the file and the problem. */
public class DirectoryException extends RuntimeException {

    public DirectoryException(String message) {
        super(message);
    }

    public DirectoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
