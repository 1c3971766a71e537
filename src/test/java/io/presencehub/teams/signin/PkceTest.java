package io.presencehub.teams.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** PKCE S256 as RFC 7636 defines it, with fresh random verifiers of the allowed length and alphabet. */
class PkceTest {

    @Test
    void theChallengeOfRfc7636AppendixB() {
        // the RFC's own value (also what openssl gives); the brief's "…WbuWNrbLjAtM" was a typo
        Pkce pkce = Pkce.forVerifier("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");

        assertThat(pkce.challenge()).isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    }

    @Test
    void freshVerifiersAreRandomUnreservedCharactersOfAllowedLength() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            Pkce pkce = Pkce.create();
            assertThat(pkce.verifier()).hasSizeBetween(43, 128).matches("[A-Za-z0-9._~-]+");
            assertThat(pkce.challenge()).isEqualTo(Pkce.challengeOf(pkce.verifier())).hasSize(43)
                    .doesNotContain("=");
            seen.add(pkce.verifier());
        }
        assertThat(seen).hasSize(200);
    }

    @Test
    void verifiersOutsideTheRfcLengthsAreRefused() {
        assertThatThrownBy(() -> Pkce.forVerifier("x".repeat(42))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Pkce.forVerifier("x".repeat(129))).isInstanceOf(IllegalArgumentException.class);
        assertThat(Pkce.forVerifier("x".repeat(128)).verifier()).hasSize(128);
    }

    @Test
    void toStringDoesNotShowTheVerifier() {
        Pkce pkce = Pkce.create();

        assertThat(pkce.toString()).doesNotContain(pkce.verifier()).contains(pkce.challenge());
    }
}
