package io.presencehub.teams;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A successful answer of the token endpoint. Its toString shows no token: these values are secrets.
 *
 * @param accessToken  the bearer token for Graph
 * @param renewAt      when to ask for a new one: shortly before it expires
 * @param refreshToken the refresh token (delegated grants with offline_access only)
 * @param idToken      the OpenID id_token (grants with the openid scope only)
 */
public record TokenAnswer(String accessToken, Instant renewAt, Optional<String> refreshToken,
                          Optional<String> idToken) {

    /** A new token is asked for this long before expiry at most (a tenth of the lifetime when that is shorter). */
    static final Duration MAX_RENEW_MARGIN = Duration.ofSeconds(60);

    /** Renewed a little early, so no call leaves with a token that expires on the way. */
    static Instant renewAt(Instant askedAt, Duration lifetime) {
        Duration margin = lifetime.dividedBy(10);
        if (margin.compareTo(MAX_RENEW_MARGIN) > 0) {
            margin = MAX_RENEW_MARGIN;
        }
        return askedAt.plus(lifetime).minus(margin);
    }

    @Override
    public String toString() {
        return "TokenAnswer[renewAt=" + renewAt + ", refreshToken=" + (refreshToken.isPresent() ? "****" : "none")
                + ", idToken=" + (idToken.isPresent() ? "****" : "none") + "]";
    }
}
