package io.presencehub.teams.signin;

/**
 * Who signed in for read access, as the id_token names them.
 *
 * @param name the display name ({@code name}), "unknown" when the token has none
 * @param upn  the user principal name ({@code preferred_username}), "unknown" when the token has none
 */
public record SignedInUser(String name, String upn) {

    /** When the id_token is missing or unreadable: the sign-in still worked. */
    public static final SignedInUser UNKNOWN = new SignedInUser("unknown", "unknown");

    /** "Ada Lovelace (ada@example.com)". */
    public String display() {
        return name + " (" + upn + ")";
    }
}
