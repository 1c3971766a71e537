package io.presencehub.teams.signin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Proof Key for Code Exchange (RFC 7636, method S256): a random verifier kept by the hub, and its challenge sent with
 * the sign-in, so that a code caught on its way back is worthless to anybody without the verifier.
 *
 * @param verifier  43 characters of the unreserved alphabet (base64url of 32 random bytes)
 * @param challenge base64url without padding of SHA-256 of the verifier
 */
public record Pkce(String verifier, String challenge) {

    /** The only method the hub uses (and the only one the token host should accept from it). */
    public static final String METHOD = "S256";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    /** A fresh verifier (32 random bytes, 43 characters: RFC 7636 allows 43 to 128) and its challenge. */
    public static Pkce create() {
        return forVerifier(randomToken(32));
    }

    /** The challenge of a given verifier. */
    public static Pkce forVerifier(String verifier) {
        if (verifier.length() < 43 || verifier.length() > 128) {
            throw new IllegalArgumentException("a PKCE verifier has 43 to 128 characters, not " + verifier.length());
        }
        return new Pkce(verifier, challengeOf(verifier));
    }

    /** base64url-no-padding(SHA-256(ASCII(verifier))). */
    static String challengeOf(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return BASE64URL.encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java", e);
        }
    }

    /** {@code bytes} random bytes from SecureRandom as base64url without padding (also the sign-in states). */
    static String randomToken(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return BASE64URL.encodeToString(random);
    }

    @Override
    public String toString() {
        // the verifier is a secret until the code is redeemed
        return "Pkce[S256, challenge=" + challenge + "]";
    }
}
