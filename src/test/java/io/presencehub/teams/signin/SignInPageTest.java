package io.presencehub.teams.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** What the callback shows comes from outside (the id_token, the browser's query): it is always HTML-escaped. */
class SignInPageTest {

    @Test
    void theSignedInUserIsEscaped() {
        String page = SignInPage.signedIn(new SignedInUser("<script>alert(1)</script>", "a&b@example.com"));

        assertThat(page).contains("Signed in as <strong>&lt;script&gt;alert(1)&lt;/script&gt;</strong>"
                + " (a&amp;b@example.com)").doesNotContain("<script>");
    }

    @Test
    void aFailureAndTheSignInLinkAreEscaped() {
        String page = SignInPage.failed("AADSTS1: \"><img src=x onerror=alert(1)>", "https://hub/teams/signin?a='b'");

        assertThat(page).contains("Sign-in failed: AADSTS1: &quot;&gt;&lt;img src=x onerror=alert(1)&gt;")
                .contains("<a href=\"https://hub/teams/signin?a=&#39;b&#39;\">").doesNotContain("<img");
    }

    @Test
    void theIdTokenNamesTheUserAndAnUnreadableOneIsUnknown() {
        String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"name\":\"Ada Lovelace\",\"preferred_username\":\"ada@example.com\",\"oid\":\"u1\"}"
                        .getBytes(StandardCharsets.UTF_8));

        assertThat(IdTokenTranslator.translate("eyJhbGciOiJub25lIn0." + payload + "."))
                .isEqualTo(new SignedInUser("Ada Lovelace", "ada@example.com"));
        assertThat(IdTokenTranslator.translate("not-a-token")).isEqualTo(SignedInUser.UNKNOWN);
        assertThat(IdTokenTranslator.translate("a.!!!.b")).isEqualTo(SignedInUser.UNKNOWN);
        assertThat(IdTokenTranslator.translate(null)).isEqualTo(SignedInUser.UNKNOWN);
    }
}
