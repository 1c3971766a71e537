package io.presencehub.teams;

/**
 * The hub could not get a Graph token. The message is one line naming the cause (the AADSTS code and what to fix, or
 * the token host's outage) and never contains the secret; health check {@code teams} shows it.
 */
public class GraphAuthException extends RuntimeException {

    public GraphAuthException(String message) {
        super(message);
    }

    public GraphAuthException(String message, Throwable cause) {
        super(message, cause);
    }
}
