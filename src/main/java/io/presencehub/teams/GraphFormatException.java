package io.presencehub.teams;

/** Graph answered with a body the hub cannot read (not JSON, or a required field missing). */
public class GraphFormatException extends RuntimeException {

    public GraphFormatException(String message) {
        super(message);
    }

    public GraphFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
