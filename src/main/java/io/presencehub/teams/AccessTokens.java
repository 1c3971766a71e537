package io.presencehub.teams;

/** Where route {@code teams-call} takes a bearer token from: the app-only provider, or the delegated sign-in. */
public interface AccessTokens {

    /**
     * A valid access token, without "Bearer ".
     *
     * @throws GraphAuthException when none can be had; its message is one line fit for health and logs
     */
    String accessToken();

    /** Drops the cached token if it is this one (Graph answered 401 to it). */
    void invalidate(String rejectedToken);
}
