package io.presencehub.store;

/** The database refused or failed a read or write; nothing was acknowledged. */
public class StoreException extends RuntimeException {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
