package io.presencehub.teams.signin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.presencehub.store.ObservationFormatException;
import java.time.Instant;
import java.util.Optional;

/** {@link StoredSignIn} ↔ the stored text: a JSON object. */
final class StoredSignInCodec {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StoredSignInCodec() {
    }

    static String encode(StoredSignIn signIn) {
        ObjectNode node = JSON.createObjectNode()
                .put("refreshToken", signIn.refreshToken())
                .put("name", signIn.user().name())
                .put("upn", signIn.user().upn())
                .put("signedInAt", signIn.signedInAt().toString());
        signIn.refused().ifPresent(problem -> node.put("refused", problem));
        return node.toString();
    }

    static StoredSignIn decode(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            String token = node.path("refreshToken").asText("");
            if (token.isEmpty()) {
                throw new ObservationFormatException("stored sign-in has no refresh token");
            }
            return new StoredSignIn(token, new SignedInUser(node.path("name").asText("unknown"),
                    node.path("upn").asText("unknown")), Instant.parse(node.path("signedInAt").asText()),
                    Optional.ofNullable(node.get("refused")).map(JsonNode::asText));
        } catch (ObservationFormatException e) {
            throw e;
        } catch (Exception e) {
            // never the text itself in the message: it holds the refresh token
            throw new ObservationFormatException("stored sign-in is unreadable (" + e.getClass().getSimpleName() + ")");
        }
    }
}
