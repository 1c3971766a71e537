package io.presencehub.teams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A plain HTTP client for the fake Graph's own tests, acting as the hub would: the read-access sign-in (authorize,
 * code redemption with PKCE, refresh), app-only tokens, and Graph calls with a bearer.
 */
final class FakeGraphClient {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String REDIRECT_URI = "https://hub.example.com/teams/callback";
    static final String READ_SCOPE = "offline_access openid https://graph.microsoft.com/Presence.Read.All";

    /** A PKCE pair: the secret verifier and its S256 challenge. */
    record Pkce(String verifier, String challenge) {
        static Pkce random() {
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256")
                        .digest(verifier.getBytes(StandardCharsets.US_ASCII));
                return new Pkce(verifier, Base64.getUrlEncoder().withoutPadding().encodeToString(digest));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** What a completed sign-in gave: the token answer. */
    record SignedIn(String accessToken, String refreshToken, JsonNode answer) {
    }

    private final FakeGraph graph;
    private final HttpClient http = HttpClient.newHttpClient(); // never follows redirects: the tests read them

    FakeGraphClient(FakeGraph graph) {
        this.graph = graph;
    }

    /** The authorize parameters the hub sends, for the read app; tests change or remove single ones. */
    static Map<String, String> authorizeParams(Pkce pkce, String state) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("client_id", FakeGraph.READ_CLIENT_ID);
        params.put("response_type", "code");
        params.put("redirect_uri", REDIRECT_URI);
        params.put("scope", READ_SCOPE);
        params.put("state", state);
        params.put("code_challenge", pkce.challenge());
        params.put("code_challenge_method", "S256");
        return params;
    }

    HttpResponse<String> authorize(String tenant, Map<String, String> params) {
        return send(HttpRequest.newBuilder(URI.create(graph.loginUrl() + "/" + tenant + "/oauth2/v2.0/authorize?"
                + encode(params))).GET().build());
    }

    /** The query parameters of the authorize answer's redirect. */
    static Map<String, String> redirectParams(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(302);
        URI location = URI.create(answer.headers().firstValue("Location").orElseThrow());
        assertThat(location.toString()).startsWith(REDIRECT_URI + "?");
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : location.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            params.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    /** Authorize (consent must be automatic) and redeem the code with the read app: a delegated token pair. */
    SignedIn signIn() {
        Pkce pkce = Pkce.random();
        String code = redirectParams(authorize(FakeGraph.TENANT_ID, authorizeParams(pkce, "s"))).get("code");
        HttpResponse<String> answer = token(redeemForm(code, pkce.verifier()));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode body = json(answer.body());
        return new SignedIn(body.get("access_token").asText(), body.get("refresh_token").asText(), body);
    }

    static Map<String, String> redeemForm(String code, String verifier) {
        Map<String, String> form = readApp("authorization_code");
        form.put("code", code);
        form.put("redirect_uri", REDIRECT_URI);
        form.put("code_verifier", verifier);
        return form;
    }

    static Map<String, String> refreshForm(String refreshToken) {
        Map<String, String> form = readApp("refresh_token");
        form.put("refresh_token", refreshToken);
        return form;
    }

    private static Map<String, String> readApp(String grant) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("client_id", FakeGraph.READ_CLIENT_ID);
        form.put("client_secret", FakeGraph.READ_CLIENT_SECRET);
        form.put("grant_type", grant);
        return form;
    }

    HttpResponse<String> token(Map<String, String> form) {
        return send(HttpRequest.newBuilder(URI.create(graph.loginUrl() + "/" + FakeGraph.TENANT_ID
                        + "/oauth2/v2.0/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form))).build());
    }

    /** A client-credentials token of the write app. */
    String appToken() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("client_id", FakeGraph.CLIENT_ID);
        form.put("client_secret", FakeGraph.CLIENT_SECRET);
        form.put("grant_type", "client_credentials");
        form.put("scope", FakeGraph.GRAPH_SCOPE);
        return json(token(form).body()).get("access_token").asText();
    }

    /** A Graph call; {@code body} null for none. */
    HttpResponse<String> call(String method, String path, String body, String bearer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(graph.graphUrl() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "Bearer " + bearer);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return send(request.build());
    }

    static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void assertAadsts(HttpResponse<String> answer, int status, String error, int code) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        JsonNode body = json(answer.body());
        assertThat(body.get("error").asText()).isEqualTo(error);
        assertThat(body.get("error_codes").get(0).asInt()).isEqualTo(code);
        assertThat(body.get("error_description").asText()).startsWith("AADSTS" + code + ": ");
    }

    static void assertGraphError(HttpResponse<String> answer, int status, String code) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        assertThat(json(answer.body()).get("error").get("code").asText()).isEqualTo(code);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
