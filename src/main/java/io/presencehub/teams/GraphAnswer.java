package io.presencehub.teams;

/**
 * Graph's answer to a {@link GraphCall}: HTTP status (0 when no answer arrived, -1 when no token could be had), body
 * and Retry-After as received, and a one-line failure text for the two non-HTTP cases.
 */
public record GraphAnswer(GraphCall call, int status, String body, String retryAfter, String failure) {

    public static final int NO_ANSWER = 0;
    public static final int NO_TOKEN = -1;

    public static GraphAnswer noAnswer(GraphCall call, String failure) {
        return new GraphAnswer(call, NO_ANSWER, null, null, failure);
    }

    public static GraphAnswer noToken(GraphCall call, String failure) {
        return new GraphAnswer(call, NO_TOKEN, null, null, failure);
    }

    public boolean ok() {
        return status >= 200 && status < 300;
    }

    /** For logs: the status and Graph's error code, never the body in full. */
    public String describe() {
        if (failure != null) {
            return failure;
        }
        String code = "";
        if (body != null) {
            int at = body.indexOf("\"code\"");
            if (at >= 0) {
                int start = body.indexOf('"', body.indexOf(':', at) + 1);
                int end = start < 0 ? -1 : body.indexOf('"', start + 1);
                code = end > start ? " " + body.substring(start + 1, end) : "";
            }
        }
        return "HTTP " + status + code;
    }
}
