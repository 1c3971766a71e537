package io.presencehub.teams;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencehub.model.UserKey;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one place Graph requests are built: URLs, methods and JSON bodies as Graph documents them. */
class GraphRequestsTest {

    private static final Instant NOW = Instant.parse("2026-03-02T08:00:00Z");
    private static final UserKey ALICE = new UserKey("hq", "sales", "alice");
    private final GraphRequests requests = new GraphRequests("https://graph.example/v1.0", "app-1",
            Duration.ofHours(4));
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void pollCarriesTheIdsAsAJsonArrayWhateverTheirCharacters() throws Exception {
        GraphCall call = requests.poll(List.of("u-1", "odd\"id\\"), NOW, null);

        assertThat(call.purpose()).isEqualTo(GraphCall.Purpose.POLL);
        assertThat(call.method()).isEqualTo("POST");
        assertThat(call.url()).isEqualTo("https://graph.example/v1.0/communications/getPresencesByUserId");
        assertThat(call.presence()).isTrue();
        JsonNode ids = json.readTree(call.body()).get("ids");
        assertThat(List.of(ids.get(0).asText(), ids.get(1).asText())).containsExactly("u-1", "odd\"id\\");
    }

    @Test
    void setPresenceHoldsTheAppSessionForTheConfiguredLifetime() throws Exception {
        GraphCall call = requests.write(ALICE, "g-1", TeamsWrite.set(SessionPair.BUSY_IN_A_CALL), NOW, null);

        assertThat(call.url()).isEqualTo("https://graph.example/v1.0/users/g-1/presence/setPresence");
        assertThat(call.user()).isEqualTo(ALICE);
        assertThat(json.readTree(call.body())).isEqualTo(json.readTree(
                "{\"sessionId\":\"app-1\",\"availability\":\"Busy\",\"activity\":\"InACall\","
                        + "\"expirationDuration\":\"PT4H\"}"));
    }

    @Test
    void clearPresenceNamesTheSession() throws Exception {
        GraphCall call = requests.write(ALICE, "g-1", TeamsWrite.clear(), NOW, null);

        assertThat(call.url()).endsWith("/users/g-1/presence/clearPresence");
        assertThat(json.readTree(call.body())).isEqualTo(json.readTree("{\"sessionId\":\"app-1\"}"));
    }

    @Test
    void statusMessageExpiresInUtcWithSecondsAndAPastExpiryIsLeftOut() throws Exception {
        GraphCall call = requests.write(ALICE, "g-1", TeamsWrite.message(new TeamsTarget.StatusMessage(
                "Back \"soon\"\nreally", Instant.parse("2026-03-02T14:00:00Z"))), NOW, null);
        GraphCall past = requests.write(ALICE, "g-1", TeamsWrite.message(new TeamsTarget.StatusMessage(
                "Back", Instant.parse("2026-03-02T07:00:00Z"))), NOW, null);

        assertThat(call.url()).endsWith("/users/g-1/presence/setStatusMessage");
        assertThat(json.readTree(call.body())).isEqualTo(json.readTree(
                "{\"statusMessage\":{\"message\":{\"content\":\"Back \\\"soon\\\"\\nreally\",\"contentType\":\"text\"},"
                        + "\"expiryDateTime\":{\"dateTime\":\"2026-03-02T14:00:00\",\"timeZone\":\"UTC\"}}}"));
        assertThat(json.readTree(past.body()).path("statusMessage").has("expiryDateTime")).isFalse();
    }

    @Test
    void theUserListAsksForTheThreeFieldsItMatchesOn() {
        GraphCall call = requests.listUsers(999, NOW);

        assertThat(call.method()).isEqualTo("GET");
        assertThat(call.presence()).isFalse();
        assertThat(call.url()).isEqualTo("https://graph.example/v1.0/users?$select=id%2Cmail%2CuserPrincipalName"
                + "&$top=999");
    }
}
