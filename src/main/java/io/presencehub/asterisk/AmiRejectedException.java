package io.presencehub.asterisk;

/** Asterisk answered {@code Response: Error}; the message is Asterisk's own (e.g. "Variable not set"). */
public class AmiRejectedException extends AmiException {
    private static final long serialVersionUID = 1L;

    private final String asteriskMessage;

    public AmiRejectedException(String message, String asteriskMessage) {
        super(message);
        this.asteriskMessage = asteriskMessage;
    }

    /** The Message header of Asterisk's error response. */
    public String asteriskMessage() {
        return asteriskMessage;
    }
}
