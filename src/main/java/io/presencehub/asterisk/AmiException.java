package io.presencehub.asterisk;

/** An AMI request that did not succeed; subclasses say whether Asterisk refused it or was not reachable. */
public class AmiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AmiException(String message) {
        super(message);
    }

    public AmiException(String message, Throwable cause) {
        super(message, cause);
    }
}
