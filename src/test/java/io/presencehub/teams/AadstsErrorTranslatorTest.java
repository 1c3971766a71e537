package io.presencehub.teams;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * No message about a failed login carries the secret, in any form the token request used; the read-access sign-in's
 * errors (from the token endpoint or brought back by the browser) are put in words of their own.
 */
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

    @Test
    void theConsentErrorOfTheSignInSaysWhichDelegatedPermissionAnAdminMustGrant() {
        GraphSettings settings = PackagedTeamsSettings.of("tenant", "read-app", SECRET).graph();

        AadstsErrorTranslator.AadstsError error = AadstsErrorTranslator.forReadAccess().fromRedirect("consent_required",
                "AADSTS65001: The user or administrator has not consented to use the application", settings, null);

        assertThat(error.codeAndCause()).isEqualTo("AADSTS65001: consent missing: an admin must grant application"
                + " read-app the delegated permission Presence.Read.All (with offline_access and openid)");
        assertThat(error.error()).isEqualTo("consent_required");
    }

    @Test
    void anExpiredRefreshTokenIsNamedAndAnUnknownCodeKeepsTheOAuthError() {
        GraphSettings settings = PackagedTeamsSettings.of("tenant", "read-app", SECRET).graph();
        AadstsErrorTranslator read = AadstsErrorTranslator.forReadAccess();

        assertThat(read.read("{\"error\":\"invalid_grant\",\"error_codes\":[700082]}", settings))
                .isEqualTo(new AadstsErrorTranslator.AadstsError("invalid_grant", 700082, "refresh token expired"));
        assertThat(read.fromRedirect("access_denied", "AADSTS999999: odd " + SECRET, settings, null).codeAndCause())
                .isEqualTo("AADSTS999999: access_denied");
        assertThat(read.fromRedirect("server_error", null, settings, null).codeAndCause()).isEqualTo("server_error");
    }

    @Test
    void theAppOnlyLoginKeepsItsOwnWordsForTheSameCode() {
        GraphSettings settings = PackagedTeamsSettings.of("tenant", "app", SECRET).graph();

        assertThat(new AadstsErrorTranslator().read("{\"error\":\"invalid_client\",\"error_codes\":[65001]}",
                settings).cause()).isEqualTo("admin consent missing for application app (grant Presence.ReadWrite.All"
                + " and User.Read.All)");
    }
}
