package io.presencehub.teams;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The read-access sign-in of {@link FakeGraph}'s token host: the authorize endpoint (automatic consent for one
 * configured user, error redirects), and the authorization_code (PKCE S256) and refresh_token (rotation, revocation)
 * grants that hand out delegated tokens. Not thread-safe; FakeGraph calls it under its monitor.
 */
final class FakeGraphSignIn {

    static final Set<String> DELEGATED_GRANTS = Set.of("authorization_code", "refresh_token");
    static final Duration CODE_LIFETIME = Duration.ofMinutes(10);
    /** A refresh token unused this long expires (AADSTS700082), like a revoked one. */
    static final Duration REFRESH_INACTIVITY = Duration.ofDays(90);

    private static final String GRAPH = "https://graph.microsoft.com/";
    private static final Pattern CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43,128}");
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    /** A one-time authorization code and what it is bound to. */
    private record Code(String clientId, String redirectUri, String challenge, FakeTeamsUser user, String scope,
                        Instant expiresAt) {
    }

    /** A refresh token; used once it has been rotated away. */
    private static final class Refresh {
        final String clientId;
        final FakeTeamsUser user;
        final String scope;
        final Instant issuedAt;
        boolean used;
        boolean revoked;

        Refresh(String clientId, FakeTeamsUser user, String scope, Instant issuedAt) {
            this.clientId = clientId;
            this.user = user;
            this.scope = scope;
            this.issuedAt = issuedAt;
        }
    }

    private final FakeGraph graph;
    private FakeTeamsUser consentingUser;
    private String forcedError;
    private int forcedAadsts;
    private String forcedDescription;
    private final Map<String, Code> codes = new HashMap<>();
    private final Map<String, Refresh> refreshTokens = new LinkedHashMap<>();
    private String newestRefreshToken;
    private int refreshGrants;

    FakeGraphSignIn(FakeGraph graph) {
        this.graph = graph;
    }

    // ---------------------------------------------------------------- controls

    void signInAs(FakeTeamsUser user) {
        consentingUser = user;
    }

    void failAuthorizeWith(String error, int aadsts, String description) {
        forcedError = error;
        forcedAadsts = aadsts;
        forcedDescription = description;
    }

    void clearAuthorizeFailure() {
        forcedError = null;
    }

    void revokeRefreshTokens() {
        refreshTokens.values().forEach(r -> r.revoked = true);
    }

    int refreshGrants() {
        return refreshGrants;
    }

    Optional<String> currentRefreshToken() {
        return Optional.ofNullable(newestRefreshToken).filter(t -> usable(refreshTokens.get(t)));
    }

    // ---------------------------------------------------------------- GET authorize

    FakeGraph.Reply authorize(String tenant, Map<String, String> query) {
        // what AAD cannot redirect for shows as its own error page
        if (!FakeGraph.TENANT_ID.equals(tenant)) {
            return errorPage(90002, "Tenant '" + tenant + "' not found.");
        }
        String clientId = query.get("client_id");
        if (!FakeGraph.CLIENT_ID.equals(clientId) && !FakeGraph.READ_CLIENT_ID.equals(clientId)) {
            return errorPage(700016, "Application with identifier '" + clientId + "' was not found in the"
                    + " directory '" + tenant + "'.");
        }
        String redirectUri = query.get("redirect_uri");
        if (!absoluteHttpUrl(redirectUri)) {
            return errorPage(50011, "The redirect URI '" + redirectUri + "' specified in the request does not"
                    + " match the redirect URIs configured for the application '" + clientId + "'.");
        }
        String state = query.get("state");
        Optional<FakeGraph.Reply> refused = refusal(query, redirectUri, state);
        if (refused.isPresent()) {
            return refused.get();
        }
        String code = "fake-code-" + UUID.randomUUID();
        codes.put(code, new Code(clientId, redirectUri, query.get("code_challenge"), consentingUser,
                grantedScope(query.get("scope")), graph.clock().instant().plus(CODE_LIFETIME)));
        Map<String, String> params = new LinkedHashMap<>();
        params.put("code", code);
        params.put("state", state);
        params.put("session_state", UUID.randomUUID().toString());
        return redirect(redirectUri, params);
    }

    /** The error redirect for a request AAD refuses after reading it, in the order AAD meets the problems. */
    private Optional<FakeGraph.Reply> refusal(Map<String, String> query, String redirectUri, String state) {
        if (!"code".equals(query.get("response_type"))) {
            return errorRedirect(redirectUri, state, "unsupported_response_type", 700054, "response_type '"
                    + query.get("response_type") + "' is not enabled for the application.");
        }
        List<String> scopes = scopes(query.get("scope"));
        if (!scopes.contains("offline_access") || scopes.stream().noneMatch(FakeGraphSignIn::isPresenceRead)) {
            return errorRedirect(redirectUri, state, "invalid_scope", 70011, "The provided request must include"
                    + " the scopes 'offline_access' and '" + GRAPH + "Presence.Read.All'.");
        }
        String challenge = query.get("code_challenge");
        if (challenge == null || !"S256".equals(query.get("code_challenge_method"))) {
            return errorRedirect(redirectUri, state, "invalid_request", 501491, "Proof Key for Code Exchange is"
                    + " required for this application: send code_challenge with code_challenge_method=S256.");
        }
        if (!CHALLENGE.matcher(challenge).matches()) {
            return errorRedirect(redirectUri, state, "invalid_request", 501491,
                    "Invalid size of Code_Challenge parameter.");
        }
        if (forcedError != null) {
            return errorRedirect(redirectUri, state, forcedError, forcedAadsts, forcedDescription);
        }
        if (consentingUser == null) {
            return "none".equals(query.get("prompt"))
                    ? errorRedirect(redirectUri, state, "login_required", 50058, "A silent sign-in request was"
                    + " sent but no user is signed in.")
                    : errorRedirect(redirectUri, state, "access_denied", 50126, "Error validating credentials"
                    + " due to invalid username or password.");
        }
        return Optional.empty();
    }

    // ---------------------------------------------------------------- POST token (delegated grants)

    FakeGraph.Reply grant(Map<String, String> form) {
        String clientId = form.get("client_id");
        Optional<FakeGraph.Reply> badClient = graph.checkClient(clientId, form.get("client_secret"));
        if (badClient.isPresent()) {
            return badClient.get();
        }
        return "authorization_code".equals(form.get("grant_type")) ? redeemCode(clientId, form)
                : refresh(clientId, form);
    }

    private FakeGraph.Reply redeemCode(String clientId, Map<String, String> form) {
        String value = form.get("code");
        if (value == null) {
            return missing("code");
        }
        Code code = codes.remove(value); // one-time, whatever the outcome
        if (code == null || !graph.clock().instant().isBefore(code.expiresAt())) {
            return expiredGrant();
        }
        if (!code.clientId().equals(clientId)) {
            return graph.aadsts(400, "invalid_grant", 70000, "Provided grant is invalid or malformed: the code"
                    + " was issued to another application.");
        }
        if (!code.redirectUri().equals(form.get("redirect_uri"))) {
            return graph.aadsts(400, "invalid_grant", 50148, "The redirect_uri does not match the redirect URI"
                    + " used when requesting the authorization code.");
        }
        String verifier = form.get("code_verifier");
        if (verifier == null || !s256(verifier).equals(code.challenge())) {
            return graph.aadsts(400, "invalid_grant", 501481, "The Code_Verifier does not match the"
                    + " code_challenge supplied in the authorization request.");
        }
        return tokens(clientId, code.user(), code.scope());
    }

    private FakeGraph.Reply refresh(String clientId, Map<String, String> form) {
        String value = form.get("refresh_token");
        if (value == null) {
            return missing("refresh_token");
        }
        Refresh refresh = refreshTokens.get(value);
        if (refresh == null) {
            return graph.aadsts(400, "invalid_grant", 9002313, "Invalid request. Request is malformed or invalid.");
        }
        if (refresh.revoked || inactive(refresh)) {
            return graph.aadsts(400, "invalid_grant", 700082, "The refresh token has expired due to inactivity."
                    + " The token was issued on " + refresh.issuedAt + " and was inactive for 90.00:00:00.");
        }
        if (refresh.used) {
            return expiredGrant(); // rotated away: only the newest refresh token works
        }
        if (!refresh.clientId.equals(clientId)) {
            return graph.aadsts(400, "invalid_grant", 70000, "Provided grant is invalid or malformed: the refresh"
                    + " token was issued to another application.");
        }
        refresh.used = true;
        refreshGrants++;
        return tokens(clientId, refresh.user, refresh.scope);
    }

    private FakeGraph.Reply tokens(String clientId, FakeTeamsUser user, String scope) {
        String refreshToken = "fake-refresh-" + UUID.randomUUID();
        Instant now = graph.clock().instant();
        refreshTokens.put(refreshToken, new Refresh(clientId, user, scope, now));
        newestRefreshToken = refreshToken;
        long lifetime = graph.tokenLifetime().toSeconds();
        ObjectNode answer = JsonNodeFactory.instance.objectNode()
                .put("token_type", "Bearer")
                .put("scope", scope)
                .put("expires_in", lifetime)
                .put("ext_expires_in", lifetime)
                .put("access_token", graph.issueDelegatedToken(clientId, user.id))
                .put("refresh_token", refreshToken)
                .put("id_token", idToken(clientId, user, now));
        return new FakeGraph.Reply(200, answer.toString());
    }

    /** Unsigned, JWT-shaped: {@code header.payload.} (the hub reads it, it came straight from the token host). */
    private String idToken(String clientId, FakeTeamsUser user, Instant now) {
        ObjectNode header = JsonNodeFactory.instance.objectNode().put("typ", "JWT").put("alg", "none");
        ObjectNode payload = JsonNodeFactory.instance.objectNode()
                .put("aud", clientId)
                .put("iss", "https://login.microsoftonline.com/" + FakeGraph.TENANT_ID + "/v2.0")
                .put("iat", now.getEpochSecond())
                .put("nbf", now.getEpochSecond())
                .put("exp", now.plus(graph.tokenLifetime()).getEpochSecond())
                .put("name", "User " + user.id)
                .put("preferred_username", user.userPrincipalName)
                .put("oid", user.id)
                .put("sub", "sub-" + user.id)
                .put("tid", FakeGraph.TENANT_ID)
                .put("ver", "2.0");
        return base64url(header.toString()) + "." + base64url(payload.toString()) + ".";
    }

    // ---------------------------------------------------------------- helpers

    private boolean usable(Refresh refresh) {
        return refresh != null && !refresh.used && !refresh.revoked && !inactive(refresh);
    }

    private boolean inactive(Refresh refresh) {
        return !graph.clock().instant().isBefore(refresh.issuedAt.plus(REFRESH_INACTIVITY));
    }

    private FakeGraph.Reply expiredGrant() {
        return graph.aadsts(400, "invalid_grant", 70008, "The provided authorization code or refresh token has"
                + " expired due to inactivity. Send a new interactive authorization request for this user and"
                + " resource.");
    }

    private FakeGraph.Reply missing(String parameter) {
        return graph.aadsts(400, "invalid_request", 900144, "The request body must contain the following"
                + " parameter: '" + parameter + "'.");
    }

    private static List<String> scopes(String scope) {
        return scope == null || scope.isBlank() ? List.of() : Arrays.asList(scope.trim().split("\\s+"));
    }

    private static boolean isPresenceRead(String scope) {
        return scope.equalsIgnoreCase("Presence.Read.All") || scope.equalsIgnoreCase(GRAPH + "Presence.Read.All");
    }

    /** What the token answer lists: Graph permissions with their resource prefix, the OpenID scopes as asked. */
    private static String grantedScope(String scope) {
        return String.join(" ", scopes(scope).stream()
                .map(s -> isPresenceRead(s) ? GRAPH + "Presence.Read.All" : s).toList());
    }

    static boolean absoluteHttpUrl(String value) {
        if (value == null) {
            return false;
        }
        try {
            URI uri = new URI(value);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private Optional<FakeGraph.Reply> errorRedirect(String redirectUri, String state, String error, int aadsts,
                                                    String description) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("error", error);
        params.put("error_description", "AADSTS" + aadsts + ": " + description + " Trace ID: " + UUID.randomUUID()
                + " Correlation ID: " + UUID.randomUUID() + " Timestamp: " + graph.clock().instant());
        params.put("error_uri", "https://login.microsoftonline.com/error?code=" + aadsts);
        params.put("state", state);
        return Optional.of(redirect(redirectUri, params));
    }

    private static FakeGraph.Reply redirect(String redirectUri, Map<String, String> params) {
        StringBuilder location = new StringBuilder(redirectUri).append(redirectUri.contains("?") ? '&' : '?');
        params.forEach((k, v) -> {
            if (v != null) { // no state asked, none echoed
                location.append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)).append('&');
            }
        });
        location.setLength(location.length() - 1);
        return new FakeGraph.Reply(302, null, Map.of("Location", location.toString()));
    }

    private static FakeGraph.Reply errorPage(int aadsts, String description) {
        String text = ("AADSTS" + aadsts + ": " + description).replace("&", "&amp;").replace("<", "&lt;");
        String html = "<!DOCTYPE html><html><head><title>Sign in to your account</title></head><body>"
                + "<h1>Sorry, but we're having trouble signing you in.</h1><p>" + text + "</p></body></html>";
        return new FakeGraph.Reply(400, html, Map.of("Content-Type", "text/html; charset=utf-8"));
    }

    private static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return BASE64URL.encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    private static String base64url(String json) {
        return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
