package io.presencehub.asterisk;

import java.util.Objects;

/**
 * One presentity's presence as Asterisk reports it: state in Asterisk's lower-case spelling
 * (including {@code not_set}), subtype and message unescaped, never null.
 */
public record AsteriskPresence(String presentity, String state, String subtype, String message) {
    public AsteriskPresence {
        Objects.requireNonNull(presentity, "presentity");
        state = state == null ? "" : state;
        subtype = subtype == null ? "" : subtype;
        message = message == null ? "" : message;
    }
}
