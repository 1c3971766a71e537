package io.presencehub.teams;

import java.util.Optional;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What became of one Graph request: Graph answered (any HTTP status), no answer arrived (network failure, timeout),
 * or it was never sent because no token could be had.
 */
public sealed interface GraphOutcome {

    /** Whether Graph answered with 2xx. */
    default boolean ok() {
        return this instanceof Answered answered && answered.status() >= 200 && answered.status() < 300;
    }

    /** Whether Graph answered with this status. */
    default boolean is(int status) {
        return this instanceof Answered answered && answered.status() == status;
    }

    /** For logs and health: the status and Graph's error code, or the cause; never a body in full. */
    String describe();

    /**
     * Graph answered.
     *
     * @param status     HTTP status
     * @param body       the body as received, may be null
     * @param retryAfter the {@code Retry-After} header as received, null without one
     */
    record Answered(int status, String body, String retryAfter) implements GraphOutcome {

        /** Graph's {@code {"error":{"code":…,"message":…}}}, when the body is one. */
        public Optional<GraphError> error() {
            return GraphError.parse(body);
        }

        @Override
        public String describe() {
            return "HTTP " + status + error().map(e -> e.code().isEmpty() ? "" : " " + e.code()).orElse("");
        }
    }

    /** No answer arrived: the request may or may not have reached Graph. */
    record NoAnswer(String cause) implements GraphOutcome {
        @Override
        public String describe() {
            return cause;
        }
    }

    /** Never sent: the login failed; {@code reason} is the token provider's one-line cause. */
    record NoToken(String reason) implements GraphOutcome {
        @Override
        public String describe() {
            return reason;
        }
    }

    /** Graph's error object: its code (e.g. {@code Forbidden}, {@code TooManyRequests}) and message. */
    record GraphError(String code, String message) {

        private static final ObjectMapper JSON = new ObjectMapper();

        static Optional<GraphError> parse(String body) {
            if (body == null || body.isBlank()) {
                return Optional.empty();
            }
            try {
                JsonNode error = JSON.readTree(body).path("error");
                if (!error.isObject()) {
                    return Optional.empty();
                }
                return Optional.of(new GraphError(error.path("code").asText(""), error.path("message").asText("")));
            } catch (Exception notJson) {
                return Optional.empty();
            }
        }
    }
}
