package io.presencehub.teams.signin;

import io.presencehub.teams.AccessTokens;

/**
 * Delegated Graph access tokens from the read-access sign-in (authorization code with PKCE, then the stored refresh
 * token): the only tokens Graph accepts for presence subscriptions. Writes never use them; they stay app-only.
 */
public interface DelegatedTokens extends AccessTokens {

    /**
     * A valid delegated access token (without "Bearer "), refreshed with the stored refresh token when due.
     *
     * @throws io.presencehub.teams.GraphAuthException when nobody signed in, or the refresh token was refused
     *                                                 (its message says what to do, e.g. where to sign in again)
     */
    @Override
    String accessToken();

    /** Whether a refresh token is held and was not refused: push may be used. */
    boolean signedIn();

    /** Why push cannot be used, in words for health and the admin page; empty while {@link #signedIn()}. */
    String problem();

    /** Called (on the sign-in thread) after every successful sign-in, so push can start at once. */
    void addSignInListener(Runnable listener);
}
