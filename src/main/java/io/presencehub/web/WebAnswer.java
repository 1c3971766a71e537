package io.presencehub.web;

import java.util.function.Supplier;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Writes a web route's answer: the request's headers are dropped first (they would otherwise go back to the
 * caller as response headers, credentials included), then status, content type and body are set. A
 * {@link WebProblem} becomes its status with {@code {"error":"…"}}.
 */
public final class WebAnswer {

    public static final String JSON = "application/json; charset=utf-8";
    public static final String HTML = "text/html; charset=utf-8";

    private WebAnswer() {
    }

    /** The JSON of what {@code answer} returns, 200; its WebProblem as an error answer. */
    public static void json(Exchange exchange, Supplier<Object> answer) {
        try {
            Object value = answer.get();
            send(exchange, 200, JSON, WebJson.write(value));
        } catch (WebProblem problem) {
            send(exchange, problem.status(), JSON, WebJson.error(problem.getMessage()));
        }
    }

    public static void send(Exchange exchange, int status, String contentType, String body) {
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, contentType);
        message.setBody(body);
    }
}
