package io.presencehub.web;

/** What a web caller may do: an admin may change state, a viewer may only look. */
public enum WebRole {
    ADMIN, VIEWER;

    /** The user name of the role in the login form and in HTTP Basic ({@code admin}, {@code viewer}). */
    public String userName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
