package io.presencehub.teams.signin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Base64;

/**
 * Reads who signed in from an OpenID id_token ({@code header.payload.signature}, the payload base64url JSON). The
 * signature is not checked: the token came straight from the token host over TLS in the code's redemption, and only
 * a name to show is taken from it.
 */
final class IdTokenTranslator {

    private static final ObjectMapper JSON = new ObjectMapper();

    private IdTokenTranslator() {
    }

    static SignedInUser translate(String idToken) {
        String[] parts = idToken == null ? new String[0] : idToken.split("\\.", -1);
        if (parts.length < 2) {
            return SignedInUser.UNKNOWN;
        }
        try {
            JsonNode payload = JSON.readTree(Base64.getUrlDecoder().decode(parts[1].replace("=", "")));
            return new SignedInUser(text(payload, "name"), text(payload, "preferred_username"));
        } catch (Exception e) {
            return SignedInUser.UNKNOWN;
        }
    }

    private static String text(JsonNode payload, String field) {
        String value = payload.path(field).asText("").strip();
        return value.isEmpty() ? "unknown" : value;
    }
}
