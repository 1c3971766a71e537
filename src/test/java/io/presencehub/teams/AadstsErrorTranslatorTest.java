package io.presencehub.teams;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** No message about a failed login carries the secret, in any form the token request used. */
class AadstsErrorTranslatorTest {

    private static final String SECRET = "Wrong~Secret/+=987";

    @Test
    void theSecretIsRemovedRawAndUrlEncodedAndLineBreaksAreFolded() {
        GraphSettings settings = PackagedTeamsSettings.of("tenant", "client", SECRET).graph();
        String echoed = "AADSTS7000215: bad secret " + SECRET + "\nform: client_secret=Wrong%7ESecret%2F%2B%3D987";

        String message = AadstsErrorTranslator.withoutSecret(echoed, settings);

        assertThat(message).doesNotContain(SECRET).doesNotContain("Wrong%7ESecret%2F%2B%3D987").doesNotContain("\n")
                .isEqualTo("AADSTS7000215: bad secret **** form: client_secret=****");
    }
}
