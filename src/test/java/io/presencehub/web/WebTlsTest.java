package io.presencehub.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencehub.testing.TestHub;
import io.presencehub.testing.TestKeystores;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The web server over TLS (hub.web.tls.*): HTTPS answers, and the session cookie is Secure. */
class WebTlsTest {

    private static final String PASSWORD = "web-keystore-pw";

    @TempDir
    Path folder;

    @Test
    void answersOverHttpsAndTheSessionCookieIsSecure() throws Exception {
        Path keystore = TestKeystores.create(folder.resolve("web-tls.p12"), PASSWORD);
        try (TestHub hub = TestHub.in(folder).with("hub.web.tls.enabled", "true")
                .with("hub.web.tls.keystore", keystore.toString())
                .with("hub.web.tls.keystore-password", PASSWORD)
                .with("hub.web.admin-password", "pw").start()) {
            HttpClient https = HttpClient.newBuilder().sslContext(TestKeystores.trusting(keystore, PASSWORD)).build();
            HttpResponse<String> login = https.send(HttpRequest.newBuilder(
                            URI.create("https://127.0.0.1:" + hub.webPort() + "/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("user=admin&password=pw")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).isEqualTo(303);
            assertThat(login.headers().firstValue("Set-Cookie")).hasValueSatisfying(
                    cookie -> assertThat(cookie).endsWith("; HttpOnly; SameSite=Strict; Secure"));
        }
    }
}
