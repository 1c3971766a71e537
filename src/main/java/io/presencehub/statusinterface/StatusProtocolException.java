package io.presencehub.statusinterface;

/** A command line that cannot be executed; the message is what follows {@code Error: } in the reply. */
public class StatusProtocolException extends RuntimeException {

    public StatusProtocolException(String message) {
        super(message);
    }
}
