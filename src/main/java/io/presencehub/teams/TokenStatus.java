package io.presencehub.teams;

import java.time.Instant;

/**
 * Health of the Graph login, for a health check.
 *
 * @param state  whether a token was obtained
 * @param detail "OK" or the last error message (never the secret)
 * @param since  when this state began; null before the first attempt
 */
public record TokenStatus(State state, String detail, Instant since) {

    /** Login health states. */
    public enum State { NOT_YET_REQUESTED, OK, FAILED }

    static TokenStatus notYet() {
        return new TokenStatus(State.NOT_YET_REQUESTED, "no token requested yet", null);
    }

    public boolean isOk() {
        return state == State.OK;
    }
}
