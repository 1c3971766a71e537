package io.presencehub.model;

/** An extension of a tenant and the Asterisk presentity that carries its presence. */
public record Extension(String id, String number, String presentity) {

    /** The presentity Asterisk uses for a number when the directory does not name one. */
    public static String defaultPresentity(String number) {
        return "CustomPresence:" + number;
    }
}
