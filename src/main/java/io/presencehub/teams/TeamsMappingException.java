package io.presencehub.teams;

/** A Teams mapping table entry cannot be used; the message names the entry and what would be accepted. */
public class TeamsMappingException extends IllegalArgumentException {

    public TeamsMappingException(String message) {
        super(message);
    }
}
