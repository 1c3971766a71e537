package io.presencehub.web;

/** A request the API refuses: its HTTP status (400, 404) and the reason in words. */
public final class WebProblem extends RuntimeException {

    private final int status;

    public WebProblem(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
