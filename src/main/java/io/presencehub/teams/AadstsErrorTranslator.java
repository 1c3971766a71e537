package io.presencehub.teams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Translates an error of the token host (AADSTS codes) into words an operator can act on: an error answer of the
 * token endpoint into a one-line {@link GraphAuthException}, and (for the read-access sign-in) the error a browser
 * brings back from the authorize endpoint. Never lets the secret through.
 */
public final class AadstsErrorTranslator {

    /**
     * One error of the token host.
     *
     * @param error the OAuth error ({@code invalid_grant}, {@code consent_required}, …), "error" when none was given
     * @param code  the AADSTS number, null when none was given
     * @param cause what it means in words (or, for an unknown code, the OAuth error)
     */
    public record AadstsError(String error, Integer code, String cause) {

        /** "AADSTS700082: refresh token expired", or only the cause when there is no code. */
        public String codeAndCause() {
            return code == null ? cause : "AADSTS" + code + ": " + cause;
        }
    }

    private static final Pattern AADSTS = Pattern.compile("AADSTS(\\d+)");
    // Causes an operator can act on, worded for the admin who reads the health page
    private static final Map<Integer, String> CAUSES = Map.ofEntries(
            Map.entry(7000215, "invalid client secret (check the configured secret value, not its id)"),
            Map.entry(7000222, "client secret expired (create a new secret for the app registration)"),
            Map.entry(700016, "application %client% not found in tenant %tenant%"),
            Map.entry(7000218, "no client secret was sent"),
            Map.entry(7000112, "application %client% is disabled"),
            Map.entry(90002, "tenant %tenant% not found"),
            Map.entry(900023, "tenant id %tenant% is not valid"),
            Map.entry(65001, "admin consent missing for application %client% (grant Presence.ReadWrite.All and"
                    + " User.Read.All)"),
            Map.entry(650057, "permission missing for application %client% (add Presence.ReadWrite.All and"
                    + " User.Read.All, then grant admin consent)"),
            Map.entry(500011, "Microsoft Graph is not available to tenant %tenant%"),
            Map.entry(70011, "the requested scope is not valid"));
    // The read access signs in with delegated permissions: other permissions to grant, and the sign-in's own errors
    private static final Map<Integer, String> READ_ACCESS_CAUSES = Map.ofEntries(
            Map.entry(65001, "consent missing: an admin must grant application %client% the delegated permission"
                    + " Presence.Read.All (with offline_access and openid)"),
            Map.entry(650057, "permission missing: add the delegated permission Presence.Read.All to application"
                    + " %client%, then grant admin consent"),
            Map.entry(700082, "refresh token expired"),
            Map.entry(50173, "refresh token revoked (password changed or sessions revoked)"),
            Map.entry(70008, "sign-in code expired or already used"),
            Map.entry(501481, "PKCE code verifier does not match"),
            Map.entry(50148, "redirect URI does not match the sign-in's"),
            Map.entry(50011, "redirect URI %redirect% is not registered for application %client% (add it as a Web"
                    + " redirect URI)"),
            Map.entry(50126, "wrong user name or password"),
            Map.entry(50105, "the signed-in user is not assigned to application %client%"),
            Map.entry(50076, "multi-factor authentication required"),
            Map.entry(53003, "blocked by a conditional access policy"));

    private final ObjectMapper json = new ObjectMapper();
    private final String prefix;
    private final Map<Integer, String> causes;

    /** For the app-only login (client credentials). */
    public AadstsErrorTranslator() {
        this("Teams login failed: ", CAUSES);
    }

    private AadstsErrorTranslator(String prefix, Map<Integer, String> causes) {
        this.prefix = prefix;
        this.causes = causes;
    }

    /** For the read-access sign-in (delegated permissions, authorization code and refresh token). */
    public static AadstsErrorTranslator forReadAccess() {
        Map<Integer, String> causes = new HashMap<>(CAUSES);
        causes.putAll(READ_ACCESS_CAUSES);
        return new AadstsErrorTranslator("Teams read access failed: ", Map.copyOf(causes));
    }

    GraphAuthException translate(int status, String body, GraphSettings settings) {
        return new GraphAuthException(withoutSecret(prefix + describe(read(body, settings), status), settings));
    }

    GraphAuthException unreadable(String why, GraphSettings settings) {
        return new GraphAuthException(withoutSecret(prefix + why, settings));
    }

    GraphAuthException unreachable(String why, GraphSettings settings, Exception cause) {
        return new GraphAuthException(withoutSecret(prefix + why, settings), cause);
    }

    /** The error of a token endpoint answer ({@code {"error","error_description","error_codes":[…]}}). */
    public AadstsError read(String body, GraphSettings settings) {
        JsonNode root = readQuietly(body);
        String error = root.path("error").asText("");
        return error(error.isBlank() ? "error" : error, firstCode(root), settings, null);
    }

    /**
     * The error a browser brought back from the authorize endpoint ({@code ?error=…&error_description=AADSTS…}); the
     * description itself is not repeated, only the code found in it.
     */
    public AadstsError fromRedirect(String error, String description, GraphSettings settings, String redirectUri) {
        Matcher m = AADSTS.matcher(description == null ? "" : description);
        Integer code = m.find() ? Integer.valueOf(m.group(1)) : null;
        return error(error == null || error.isBlank() ? "error" : error.strip(), code, settings, redirectUri);
    }

    private AadstsError error(String given, Integer code, GraphSettings settings, String redirectUri) {
        String error = withoutSecret(given, settings);
        String known = code == null ? null : causes.get(code);
        String cause = known == null ? error : withoutSecret(known.replace("%client%", settings.clientId())
                .replace("%tenant%", settings.tenantId())
                .replace("%redirect%", redirectUri == null ? "(this hub's)" : redirectUri), settings);
        return new AadstsError(error, code, cause);
    }

    private static String describe(AadstsError error, int status) {
        if (error.code() == null) {
            return "token endpoint answered HTTP " + status;
        }
        return "AADSTS" + error.code() + " " + error.cause()
                + (error.cause().equals(error.error()) ? " (HTTP " + status + ")" : "");
    }

    /**
     * Belt and braces: no message may ever carry the secret, whatever the token host echoes, also
     * not in the URL-encoded form the token request sends it in.
     */
    public static String withoutSecret(String message, GraphSettings settings) {
        String secret = settings.clientSecret();
        return message.replace(secret, "****")
                .replace(URLEncoder.encode(secret, StandardCharsets.UTF_8), "****")
                .replaceAll("\\R", " ");
    }

    private JsonNode readQuietly(String body) {
        try {
            return body == null || body.isBlank() ? json.createObjectNode() : json.readTree(body);
        } catch (Exception e) {
            return json.createObjectNode();
        }
    }

    private static Integer firstCode(JsonNode root) {
        JsonNode codes = root.path("error_codes");
        if (codes.isArray() && codes.size() > 0 && codes.get(0).canConvertToInt()) {
            return codes.get(0).intValue();
        }
        // some answers carry the code only in the description: "AADSTS7000215: Invalid client secret…"
        Matcher m = AADSTS.matcher(root.path("error_description").asText(""));
        return m.find() ? Integer.valueOf(m.group(1)) : null;
    }
}
