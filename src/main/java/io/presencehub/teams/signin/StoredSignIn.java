package io.presencehub.teams.signin;

import java.time.Instant;
import java.util.Optional;

/**
 * The read-access sign-in as the store keeps it (kind {@value DelegatedTokenProvider#KIND}, one row): the newest
 * refresh token, who signed in and when, and why the token host refused it, if it did. toString hides the token.
 *
 * @param refreshToken the newest refresh token (they rotate)
 * @param user         who signed in
 * @param signedInAt   when they signed in (not when the token last rotated)
 * @param refused      the problem in words once the token host refused the refresh token (invalid_grant)
 */
public record StoredSignIn(String refreshToken, SignedInUser user, Instant signedInAt, Optional<String> refused) {

    StoredSignIn withRefreshToken(String rotated) {
        return new StoredSignIn(rotated, user, signedInAt, refused);
    }

    StoredSignIn refusedBecause(String problem) {
        return new StoredSignIn(refreshToken, user, signedInAt, Optional.of(problem));
    }

    @Override
    public String toString() {
        return "StoredSignIn[user=" + user + ", signedInAt=" + signedInAt + ", refreshToken=****, refused="
                + refused.orElse("no") + "]";
    }
}
