package io.presencehub.asterisk;

/** A presence value the hub refuses to send to Asterisk, because Asterisk would reject or mangle it. */
public class InvalidPresenceException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidPresenceException(String message) {
        super(message);
    }
}
