package io.presencehub.model;

/**
 * The stable identity of a user: location id, tenant id and user id. An extension that no user
 * claims is a user of its own, named {@code ext:<extension id>}. Ids survive renames.
 */
public record UserKey(String locationId, String tenantId, String userId) {

    /** The key as stored: {@code location/tenant/user}. */
    public String asText() {
        return locationId + "/" + tenantId + "/" + userId;
    }

    /** A key from its stored text ({@link #asText()}); empty when the text has not three parts. */
    public static java.util.Optional<UserKey> fromText(String text) {
        String[] parts = text.split("/", 3);
        return parts.length == 3 ? java.util.Optional.of(new UserKey(parts[0], parts[1], parts[2]))
                : java.util.Optional.empty();
    }

    @Override
    public String toString() {
        return asText();
    }
}
