package io.presencehub.teams;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;

/** Translates one page of {@code GET /users} into {@link GraphUser}s and the absolute link to the next page. */
public final class GraphUserTranslator {

    /** One page: the users and the next page's link (null on the last page). */
    public record Page(List<GraphUser> users, String nextLink) {
    }

    private final ObjectMapper json = new ObjectMapper();

    public Page fromPage(String body) {
        JsonNode root;
        try {
            root = json.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            throw new GraphFormatException("Graph user list is not valid JSON: " + e.getOriginalMessage(), e);
        }
        JsonNode value = root == null ? null : root.get("value");
        if (value == null || !value.isArray()) {
            throw new GraphFormatException("Graph user list has no \"value\" array");
        }
        List<GraphUser> users = new ArrayList<>(value.size());
        for (JsonNode user : value) {
            String id = text(user, "id");
            if (id != null && !id.isBlank()) {
                users.add(new GraphUser(id, text(user, "mail"), text(user, "userPrincipalName")));
            }
        }
        return new Page(users, text(root, "@odata.nextLink"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
