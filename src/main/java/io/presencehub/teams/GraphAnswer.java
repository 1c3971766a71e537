package io.presencehub.teams;

/** Graph's answer to a {@link GraphCall}, or why there is none: the body route {@code teams-call} returns. */
public record GraphAnswer(GraphCall call, GraphOutcome outcome) {

    public boolean ok() {
        return outcome.ok();
    }

    /** The body Graph sent, null without an answer. */
    public String body() {
        return outcome instanceof GraphOutcome.Answered answered ? answered.body() : null;
    }

    /** The {@code Retry-After} Graph sent, null without one. */
    public String retryAfter() {
        return outcome instanceof GraphOutcome.Answered answered ? answered.retryAfter() : null;
    }

    /** For logs: the status and Graph's error code, or the cause; never the body in full. */
    public String describe() {
        return outcome.describe();
    }
}
