package io.presencehub.teams;

/** The delegated token source while push is not configured: a subscription call is answered "no token". */
final class NoDelegatedTokens implements AccessTokens {

    @Override
    public String accessToken() {
        throw new GraphAuthException("Teams push is not configured (hub.teams.public-url is empty)", null);
    }

    @Override
    public void invalidate(String rejectedToken) {
        // nothing cached
    }
}
