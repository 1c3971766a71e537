package io.presencehub.teams.signin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * A browser as far as the sign-in needs one: GETs that never follow a redirect by themselves, so a test follows each
 * {@code Location} by hand and sees every hop (hub → Azure AD → hub).
 */
public final class Browser {

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * Signs in on the hub at this web port as an admin's browser does (no web password: every caller is admin),
     * following each redirect (hub → Azure AD → hub) by hand; the last answer, the callback's page.
     */
    public static HttpResponse<String> signIn(int webPort) {
        Browser browser = new Browser();
        HttpResponse<String> answer = browser.get("http://127.0.0.1:" + webPort + "/teams/signin");
        for (int hop = 0; hop < 5 && answer.statusCode() == 302; hop++) {
            answer = browser.get(answer.uri().resolve(location(answer)).toString());
        }
        return answer;
    }

    /** GET with an optional Authorization header (the hub's login). */
    HttpResponse<String> get(String url, Optional<String> authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).GET();
        authorization.ifPresent(a -> request.header("Authorization", a));
        return send(request);
    }

    /** A POST without credentials, as Graph sends its notifications. */
    HttpResponse<String> post(String url, String json) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> get(String url) {
        return get(url, Optional.empty());
    }

    /** The Location of a 302 (fails when the answer is no redirect). */
    static String location(HttpResponse<String> answer) {
        if (answer.statusCode() != 302) {
            throw new AssertionError("expected a 302 from " + answer.uri() + ", got " + answer.statusCode() + ": "
                    + answer.body());
        }
        return answer.headers().firstValue("Location").orElseThrow(() -> new AssertionError("302 without Location"));
    }

    /** One decoded parameter of a URL's query. */
    static Optional<String> parameter(String url, String name) {
        return Arrays.stream(URI.create(url).getRawQuery().split("&")).map(pair -> pair.split("=", 2))
                .filter(pair -> pair[0].equals(name))
                .map(pair -> URLDecoder.decode(pair.length > 1 ? pair[1] : "", StandardCharsets.UTF_8)).findFirst();
    }
}
