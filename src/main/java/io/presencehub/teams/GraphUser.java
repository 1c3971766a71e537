package io.presencehub.teams;

/** A Graph directory user, as far as matching needs it. */
public record GraphUser(String id, String mail, String userPrincipalName) {
}
