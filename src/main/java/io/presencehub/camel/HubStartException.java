package io.presencehub.camel;

/** The hub cannot start; the message says why in one line for the operator. */
public class HubStartException extends RuntimeException {

    public HubStartException(String message) {
        super(message);
    }
}
