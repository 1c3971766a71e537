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

    @Override
    public String toString() {
        return asText();
    }
}
