package io.presencehub.web;

import static io.presencehub.testing.TestHub.await;
import static io.presencehub.web.WebLoginTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.presencehub.asterisk.FakeAsterisk;
import io.presencehub.teams.FakeGraph;
import io.presencehub.testing.LineClient;
import io.presencehub.testing.TestHub;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin page's data over the REST API, against a real hub with both passwords: the connectors and the decisions
 * (filtered by user, newest first, limited), bad queries, who may look, and that no secret is ever in an answer.
 */
class WebAdminApiTest {

    static final String ADMIN = "admin-pw-4711";
    static final String VIEWER = "viewer-pw-0815";
    static final String CONNECTORS = "/api/admin/connectors";
    static final String DECISIONS = "/api/admin/decisions";

    @RegisterExtension
    static final WebHub running = new WebHub(WebAdminApiTest::withPasswords);

    @TempDir
    Path folder;

    static TestHub withPasswords(TestHub hub) {
        return hub.with("hub.web.admin-password", ADMIN).with("hub.web.viewer-password", VIEWER);
    }

    @Test
    void connectorsAreReadableByTheViewerAndTheAdmin() throws Exception {
        try (LineClient client = running.hub().client()) {
            await().until(() -> ok(viewer().get(CONNECTORS)).at("/statusInterface/connected").asInt() == 1);
            JsonNode connectors = ok(viewer().get(CONNECTORS));
            assertThat(connectors.at("/statusInterface/addresses/0").asText())
                    .isEqualTo("127.0.0.1:" + client.socket().getLocalPort());
            assertThat(connectors.at("/asterisk/state").asText()).isEqualTo("switched off");
            assertThat(connectors.at("/teams/state").asText()).isEqualTo("switched off");
            assertThat(connectors.at("/directory/file").asText())
                    .isEqualTo(running.hub().directoryFile().toAbsolutePath().toString());
            assertThat(connectors.at("/directory/lastReload").asText()).isNotEmpty();
            assertThat(ok(admin().get(CONNECTORS)).at("/directory/file")).isEqualTo(connectors.at("/directory/file"));
        }
    }

    @Test
    void withoutCredentialsOrWithAWrongPasswordBothAre401() {
        for (String path : List.of(CONNECTORS, DECISIONS)) {
            assertThat(running.web().get(path).statusCode()).as(path).isEqualTo(401);
            assertThat(running.web().basic("viewer", ADMIN).get(path).statusCode()).as(path).isEqualTo(401);
        }
    }

    @Test
    void aStatusInterfaceDecisionShowsFilteredByItsUserNewestFirst() throws Exception {
        try (LineClient client = running.hub().client()) {
            client.set("set_extension_status@#HQ@#Sales@#1001@#Lunch");
            client.set("set_extension_status@#HQ@#Sales@#1001@#Lunch");
            client.set("set_extension_status@#HQ@#Sales@#1001@#Away");
            client.set("set_extension_status@#HQ@#Sales@#1001@#Away");
        }
        JsonNode alice = ok(viewer().get(DECISIONS + "?user=hq/sales/alice&limit=2"));
        assertThat(reasons(alice)).containsExactly("no change for alice: state already Away",
                "no change for alice: state already Lunch");
        JsonNode newest = alice.get(0);
        assertThat(newest.get("user").asText()).isEqualTo("hq/sales/alice");
        assertThat(newest.get("world").asText()).isEqualTo("status-interface");
        assertThat(newest.get("at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(newest.get("sequence").asLong()).isGreaterThan(alice.get(1).get("sequence").asLong());

        assertThat(reasons(ok(admin().get(DECISIONS + "?user=hq%2Fsales%2Falice&limit=1"))))
                .containsExactly("no change for alice: state already Away");
        assertThat(ok(viewer().get(DECISIONS + "?user=hq/sales/bob"))).isEmpty();
        assertThat(ok(viewer().get(DECISIONS + "?user=nowhere/nobody/none"))).isEmpty();
        // without a user: everybody's, newest first, the default limit at most
        JsonNode all = ok(viewer().get(DECISIONS));
        assertThat(all.size()).isBetween(2, WebAdminApi.DEFAULT_LIMIT);
        assertThat(reasons(all)).containsSubsequence("no change for alice: state already Away",
                "no change for alice: state already Lunch");
        assertThat(ok(viewer().get(DECISIONS + "?limit=500")).size()).isEqualTo(all.size());
    }

    @Test
    void aMalformedUserOrLimitIs400InWords() throws Exception {
        for (String user : List.of("hq/sales", "hq//alice", "/sales/alice", "hq/sales/", "alice")) {
            HttpResponse<String> response = viewer().get(DECISIONS + "?user=" + user);
            assertThat(response.statusCode()).as(user).isEqualTo(400);
            assertThat(json(response).get("error").asText()).as(user).contains("user must be location/tenant/user");
        }
        for (String limit : List.of("0", "501", "ten", "-1")) {
            HttpResponse<String> response = viewer().get(DECISIONS + "?limit=" + limit);
            assertThat(response.statusCode()).as(limit).isEqualTo(400);
            assertThat(json(response).get("error").asText()).contains("limit must be a whole number from 1 to 500");
        }
    }

    @Test
    void theOpenApiDocumentListsBothPaths() throws Exception {
        JsonNode paths = ok(viewer().get("/api/openapi.json")).get("paths");
        assertThat(paths.at("/~1api~1admin~1connectors/get/responses/200").isMissingNode()).isFalse();
        assertThat(paths.at("/~1api~1admin~1decisions/get/responses/400").isMissingNode()).isFalse();
    }

    @Test
    void noPasswordTokenOrSecretIsEverInAnAnswer() throws Exception {
        try (FakeAsterisk asterisk = new FakeAsterisk().start(); FakeGraph graph = FakeGraph.start()) {
            graph.addUser("u-alice", "alice@example.com");
            try (TestHub hub = withPasswords(TestHub.in(folder).withAsterisk(asterisk).withTeams(graph)).start()) {
                WebClient viewer = new WebClient(hub.webPort()).basic("viewer", VIEWER);
                await().until(() -> hub.asteriskConnected()
                        && ok(viewer.get(CONNECTORS)).at("/teams/token").asText().startsWith("valid"));
                JsonNode connectors = ok(viewer.get(CONNECTORS));
                assertThat(connectors.at("/asterisk/state").asText()).isEqualTo("connected");
                assertThat(connectors.at("/teams/state").asText()).isEqualTo("on");
                assertThat(graph.tokensIssued()).isPositive();
                for (String path : List.of(CONNECTORS, DECISIONS + "?limit=500")) {
                    assertThat(viewer.get(path).body()).as(path).doesNotContain(FakeGraph.CLIENT_SECRET, "fake-token-",
                            "hubsecret", ADMIN, VIEWER);
                }
            }
        }
    }

    private static WebClient viewer() {
        return running.web().basic("viewer", VIEWER);
    }

    private static WebClient admin() {
        return running.web().basic("admin", ADMIN);
    }

    private static List<String> reasons(JsonNode decisions) {
        List<String> reasons = new ArrayList<>();
        decisions.forEach(d -> reasons.add(d.get("reason").asText()));
        return reasons;
    }

    private static JsonNode ok(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains(WebAnswer.JSON);
        WebLoginTest.assertSecurityHeaders(response);
        return json(response);
    }
}
