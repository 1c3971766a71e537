package io.presencehub.teams;

/**
 * Where and as whom the hub talks to Microsoft Graph: the app registration (tenant, client id, secret) and the two
 * hosts. Part of {@link TeamsSettings}; every value comes from {@code hub.teams.*} (defaults in
 * {@code application.properties} only).
 *
 * @param tenantId     directory (tenant) id
 * @param clientId     application (client) id; also the {@code sessionId} of every setPresence call
 * @param clientSecret client secret; never printed
 * @param graphUrl     Graph base URL, trailing slashes dropped
 * @param loginUrl     token host, trailing slashes dropped
 */
public record GraphSettings(String tenantId, String clientId, String clientSecret, String graphUrl, String loginUrl) {

    public GraphSettings {
        tenantId = required(tenantId, "tenant id");
        clientId = required(clientId, "client id");
        clientSecret = required(clientSecret, "client secret");
        graphUrl = withoutTrailingSlash(required(graphUrl, "Graph URL"));
        loginUrl = withoutTrailingSlash(required(loginUrl, "login URL"));
    }

    /** The token endpoint for client credentials. */
    public String tokenUrl() {
        return loginUrl + "/" + tenantId + "/oauth2/v2.0/token";
    }

    @Override
    public String toString() {
        // the secret must never reach a log line, not even in part
        return "GraphSettings[tenantId=" + tenantId + ", clientId=" + clientId + ", clientSecret=****"
                + ", graphUrl=" + graphUrl + ", loginUrl=" + loginUrl + "]";
    }

    private static String required(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Teams " + what + " is required");
        }
        return value.trim();
    }

    private static String withoutTrailingSlash(String url) {
        String trimmed = url;
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }
}
