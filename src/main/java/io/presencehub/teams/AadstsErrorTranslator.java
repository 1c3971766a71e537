package io.presencehub.teams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Translates an error answer of the token host (AADSTS codes) into a one-line {@link GraphAuthException}. */
final class AadstsErrorTranslator {

    private static final String PREFIX = "Teams login failed: ";
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

    private final ObjectMapper json = new ObjectMapper();

    GraphAuthException translate(int status, String body, GraphSettings settings) {
        JsonNode root = readQuietly(body);
        Integer code = firstCode(root);
        String cause;
        if (code != null && CAUSES.containsKey(code)) {
            cause = "AADSTS" + code + " " + CAUSES.get(code)
                    .replace("%client%", settings.clientId()).replace("%tenant%", settings.tenantId());
        } else if (code != null) {
            cause = "AADSTS" + code + " " + root.path("error").asText("error") + " (HTTP " + status + ")";
        } else {
            cause = "token endpoint answered HTTP " + status;
        }
        return new GraphAuthException(withoutSecret(PREFIX + cause, settings));
    }

    GraphAuthException unreadable(String why, GraphSettings settings) {
        return new GraphAuthException(withoutSecret(PREFIX + why, settings));
    }

    /**
     * Belt and braces: no message may ever carry the secret, whatever the token host echoes, also
     * not in the URL-encoded form the token request sends it in.
     */
    static String withoutSecret(String message, GraphSettings settings) {
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
        String description = root.path("error_description").asText("");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("AADSTS(\\d+)").matcher(description);
        return m.find() ? Integer.valueOf(m.group(1)) : null;
    }
}
