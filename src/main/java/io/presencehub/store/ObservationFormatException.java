package io.presencehub.store;

/** A stored observation value that its kind's codec cannot read (damaged, or of an unknown format version). */
public final class ObservationFormatException extends RuntimeException {

    public ObservationFormatException(String message) {
        super(message);
    }

    public ObservationFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
