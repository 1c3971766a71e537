package io.presencehub.web;

import static io.presencehub.web.WebLoginTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.presencehub.calls.CallStates;
import io.presencehub.calls.TeamsCall;
import io.presencehub.model.Origin;
import io.presencehub.testing.LineClient;
import io.presencehub.testing.TestDirectories;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.VerbDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The REST API against a real hub with no passwords (loopback: every caller is admin): every endpoint, every
 * error, names that need URL encoding, changes applied like a status client's with origin WEB, the OpenAPI document.
 */
class WebApiTest {

    /** SMALL with a tenant whose name holds a slash. */
    static final String DIRECTORY = TestDirectories.SMALL.replace("name: Support", "name: Support / 2nd");
    static final String ALICE = "/api/users/HQ/Sales/1001";

    @RegisterExtension
    static final WebHub running = new WebHub(h -> h.directory(DIRECTORY));
    @Test
    void listsEveryUserWithItsStateAndTheTotal() throws Exception {
        JsonNode page = ok(running.web().get("/api/users"));
        assertThat(page.get("total").asInt()).isEqualTo(5);
        assertThat(page.get("users")).hasSize(5);
        JsonNode bob = page.get("users").get(1);
        assertThat(bob.get("location").asText()).isEqualTo("HQ");
        assertThat(bob.get("tenant").asText()).isEqualTo("Sales");
        assertThat(bob.get("userId").asText()).isEqualTo("bob");
        assertThat(bob.get("extensions").toString()).isEqualTo("[\"1003\"]");
        assertThat(bob.get("defaultExtension").asText()).isEqualTo("1003");
        assertThat(bob.has("note") && bob.has("returnTime") && bob.has("changedAt") && bob.has("statusOrigin")).isTrue();
        assertThat(bob.get("onThePhone").asBoolean()).isFalse();
    }

    @Test
    void filtersAndPages() throws Exception {
        assertThat(users("/api/users?location=Z%C3%BCrich%20B%C3%BCro")).containsExactly("ext:3001");
        assertThat(users("/api/users?tenant=Sales")).containsExactly("alice", "bob", "ext:1004");
        assertThat(users("/api/users?q=ALI")).containsExactly("alice");
        assertThat(users("/api/users?q=1002")).containsExactly("alice");
        assertThat(users("/api/users?status=Disponible")).containsExactly("ext:3001");
        JsonNode page = ok(running.web().get("/api/users?offset=1&limit=2"));
        assertThat(page.get("total").asInt()).isEqualTo(5);
        assertThat(page.get("users")).extracting(u -> u.get("userId").asText()).containsExactly("bob", "ext:1004");
        assertThat(ok(running.web().get("/api/users?offset=10")).get("users")).isEmpty();
    }

    @Test
    void badPagingIs400InWords() throws Exception {
        for (String query : List.of("limit=0", "limit=1001", "limit=ten", "offset=-1")) {
            HttpResponse<String> response = running.web().get("/api/users?" + query);
            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(json(response).get("error").asText()).contains("must be a whole number from");
        }
    }

    @Test
    void oneUserByItsExtensionWithNamesThatNeedEncoding() throws Exception {
        assertThat(ok(running.web().get("/api/users/HQ/Sales/1002")).get("userId").asText()).isEqualTo("alice");
        JsonNode zurich = ok(running.web().get("/api/users/Z%C3%BCrich%20B%C3%BCro/Ventes/3001"));
        assertThat(zurich.get("location").asText()).isEqualTo("Zürich Büro");
        assertThat(zurich.at("/status/name").asText()).isEqualTo("Disponible");
        assertThat(ok(running.web().get("/api/users/HQ/Support%20%2F%202nd/1001")).get("tenant").asText())
                .isEqualTo("Support / 2nd");
    }

    @Test
    void unknownNamesAre404InWords() throws Exception {
        assertError(running.web().get("/api/users/Nowhere/Sales/1001"), 404, "Unknown location: Nowhere");
        assertError(running.web().get("/api/users/HQ/Nobody/1001"), 404, "Unknown tenant: Nobody (in location HQ)");
        assertError(running.web().get("/api/users/HQ/Sales/9999"), 404, "Unknown extension: 9999");
        assertError(running.web().put("/api/users/HQ/Sales/9999/status", "{\"status\":\"Away\"}"), 404, "Unknown extension: 9999");
        assertThat(running.web().get("/api/nothing-here").statusCode()).isEqualTo(404);
    }

    @Test
    void setsTheStatusWithOriginWebAndStatusClientsHearOfIt() throws Exception {
        try (LineClient listener = running.hub().client()) {
            JsonNode alice = ok(running.web().put(ALICE + "/status", "{\"status\":\"Lunch\"}"));
            assertThat(alice.at("/status/name").asText()).isEqualTo("Lunch");
            assertThat(alice.at("/status/type").asText()).isEqualTo("away");
            assertThat(alice.get("origin").asText()).isEqualTo("web");
            assertThat(running.hub().state(TestDirectories.ALICE).origin()).isEqualTo(Origin.WEB);
            assertThat(listener.readLine()).isEqualTo("ExtensionStatusUpdatedEvent@#HQ@#Sales@#1001@#Lunch");
        }
    }

    @Test
    void aChangeOverTheStatusInterfaceShowsInTheApi() throws Exception {
        try (LineClient client = running.hub().client()) {
            client.set("set_extension_note@#HQ@#Sales@#1003@#Zurück um 14:00");
        }
        JsonNode bob = ok(running.web().get("/api/users/HQ/Sales/1003"));
        assertThat(bob.get("note").asText()).isEqualTo("Zurück um 14:00");
        assertThat(bob.get("origin").asText()).isEqualTo("status_interface");
    }

    @Test
    void anUnknownStatusOrABadBodyIs400InWords() throws Exception {
        assertError(running.web().put(ALICE + "/status", "{\"status\":\"Busy\"}"), 400, "Unknown status: Busy");
        assertError(running.web().put(ALICE + "/status", "{\"status\":"), 400, "not valid JSON");
        assertError(running.web().put(ALICE + "/status", "[\"Away\"]"), 400, "JSON object");
        assertError(running.web().put(ALICE + "/status", "{\"state\":\"Away\"}"), 400, "\"status\"");
        assertError(running.web().put(ALICE + "/status", "{\"status\":3}"), 400, "\"status\"");
    }

    @Test
    void setsTheNoteWithLineBreaksButRefusesControlCharacters() throws Exception {
        assertThat(ok(running.web().put(ALICE + "/note", "{\"note\":\"Im Büro\\nbis 17 Uhr\"}")).get("note").asText())
                .isEqualTo("Im Büro\nbis 17 Uhr");
        assertError(running.web().put(ALICE + "/note", "{\"note\":\"bell\\u0007\"}"), 400, "control character (code 7");
        assertError(running.web().put(ALICE + "/note", "{\"note\":\"" + "x".repeat(WebApi.MAX_NOTE + 1) + "\"}"), 400, "longer");
        assertThat(running.hub().state(TestDirectories.ALICE).note()).isEqualTo("Im Büro\nbis 17 Uhr");
    }

    @Test
    void setsTheReturnTimeAsUnixSeconds() throws Exception {
        assertThat(ok(running.web().put(ALICE + "/return-time", "{\"returnTime\":1767261600}")).get("returnTime").asLong())
                .isEqualTo(1767261600L);
        for (String bad : List.of("{\"returnTime\":-1}", "{\"returnTime\":\"1767261600\"}", "{\"returnTime\":1.5}", "{}")) {
            assertError(running.web().put(ALICE + "/return-time", bad), 400, "returnTime must be Unix seconds");
        }
        assertThat(running.hub().state(TestDirectories.ALICE).returnTime()).isEqualTo(1767261600L);
    }

    @Test
    void showsACallFromTheCallStates() throws Exception {
        running.hub().bean(CallStates.class).teamsCall(TestDirectories.BOB, TeamsCall.IN_CALL);
        assertThat(ok(running.web().get("/api/users/HQ/Sales/1003")).get("inTeamsCall").asBoolean()).isTrue();
        running.hub().bean(CallStates.class).teamsCall(TestDirectories.BOB, TeamsCall.NONE);
        assertThat(ok(running.web().get("/api/users/HQ/Sales/1003")).get("inTeamsCall").asBoolean()).isFalse();
    }

    @Test
    void listsTheStatusesOfEveryTenantWithTheirTypes() throws Exception {
        JsonNode tenants = ok(running.web().get("/api/statuses")).get("tenants");
        assertThat(tenants).hasSize(3);
        assertThat(tenants.get(0).get("location").asText()).isEqualTo("HQ");
        assertThat(tenants.get(0).get("tenant").asText()).isEqualTo("Sales");
        assertThat(tenants.get(0).get("statuses").toString()).isEqualTo("[{\"name\":\"Available\",\"type\":\"available\"},"
                + "{\"name\":\"Lunch\",\"type\":\"away\"},{\"name\":\"Away\",\"type\":\"away\"},"
                + "{\"name\":\"Do Not Disturb\",\"type\":\"dnd\"}]");
        assertThat(tenants.get(2).get("location").asText()).isEqualTo("Zürich Büro");
    }

    @Test
    void theOpenApiDocumentDescribesEveryRestRoute() throws Exception {
        JsonNode paths = ok(running.web().get("/api/openapi.json")).get("paths");
        List<String> routes = new ArrayList<>();
        for (RestDefinition rest : ((ModelCamelContext) running.hub().context()).getRestDefinitions()) {
            for (VerbDefinition verb : rest.getVerbs()) {
                String path = (rest.getPath() + verb.getPath()).replaceAll("/+", "/");
                routes.add(verb.asVerb() + " " + path);
                assertThat(paths.has(path) && paths.get(path).has(verb.asVerb())).as(verb.asVerb() + " " + path)
                        .isTrue();
            }
        }
        assertThat(routes).contains("get /api/users/{location}/{tenant}/{extension}", "put /api/users/{location}/"
                + "{tenant}/{extension}/return-time", "get /api/openapi.json");
    }

    private static List<String> users(String path) throws Exception {
        List<String> ids = new ArrayList<>();
        ok(running.web().get(path)).get("users").forEach(u -> ids.add(u.get("userId").asText()));
        return ids;
    }

    private static JsonNode ok(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains(WebAnswer.JSON);
        WebLoginTest.assertSecurityHeaders(response);
        return json(response);
    }

    private static void assertError(HttpResponse<String> response, int status, String words) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(json(response).get("error").asText()).contains(words);
    }
}
