package io.presencehub.teams;

import java.util.OptionalInt;

/**
 * The hub could not get a Graph token. The message is one line naming the cause and never contains the secret;
 * {@link #isRetryable()} separates configuration errors (fix and restart nothing, just the settings) from outages.
 */
public class GraphAuthException extends RuntimeException {

    private final Integer aadstsCode;
    private final int httpStatus;
    private final boolean retryable;

    public GraphAuthException(String message, Integer aadstsCode, int httpStatus, boolean retryable) {
        super(message);
        this.aadstsCode = aadstsCode;
        this.httpStatus = httpStatus;
        this.retryable = retryable;
    }

    public GraphAuthException(String message, Throwable cause) {
        super(message, cause);
        this.aadstsCode = null;
        this.httpStatus = 0;
        this.retryable = true;
    }

    /** The AADSTS error code when the token host named one. */
    public OptionalInt aadstsCode() {
        return aadstsCode == null ? OptionalInt.empty() : OptionalInt.of(aadstsCode);
    }

    /** HTTP status of the token answer, 0 when none arrived. */
    public int httpStatus() {
        return httpStatus;
    }

    /** True for outages (network, 5xx, 429); false when the settings or the app registration must be fixed. */
    public boolean isRetryable() {
        return retryable;
    }
}
