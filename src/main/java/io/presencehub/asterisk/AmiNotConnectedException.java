package io.presencehub.asterisk;

/** The AMI link is down (or went down while waiting), so the request was not or may not have been carried out. */
public class AmiNotConnectedException extends AmiException {
    private static final long serialVersionUID = 1L;

    public AmiNotConnectedException(String message) {
        super(message);
    }

    public AmiNotConnectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
