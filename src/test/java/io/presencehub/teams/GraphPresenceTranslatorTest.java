package io.presencehub.teams;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GraphPresenceTranslatorTest {

    private final GraphPresenceTranslator translator = new GraphPresenceTranslator();

    /** One user's presence as it comes in a getPresencesByUserId answer. */
    private GraphPresence fromPresence(String presence) {
        List<GraphPresence> presences = translator.fromPresenceList("{\"value\":[" + presence + "]}");
        assertThat(presences).hasSize(1);
        return presences.get(0);
    }

    @Test
    void translatesAPresenceListWithStatusMessage() {
        List<GraphPresence> presences = translator.fromPresenceList("""
                {"value":[
                  {"id":"u1","availability":"Busy","activity":"InACall","statusMessage":null,
                   "outOfOfficeSettings":{"message":null,"isOutOfOffice":false},"sequenceNumber":"C0001"},
                  {"id":"u2","availability":"Away","activity":"Away",
                   "statusMessage":{"message":{"content":"Back at 17:00","contentType":"text"},
                     "expiryDateTime":{"dateTime":"2026-11-22T17:00:00.0000000","timeZone":"UTC"}},
                   "sequenceNumber":"C0002"}
                ]}""");

        assertThat(presences).isEqualTo(List.of(
                new GraphPresence("u1", "Busy", "InACall", "", null, "C0001"),
                new GraphPresence("u2", "Away", "Away", "Back at 17:00", Instant.parse("2026-11-22T17:00:00Z"),
                        "C0002")));
    }

    @Test
    void translatesOnePresence() {
        GraphPresence presence = fromPresence(
                "{\"id\":\"u1\",\"availability\":\"DoNotDisturb\",\"activity\":\"Presenting\",\"sequenceNumber\":\"9\"}");

        assertThat(presence.pair()).isEqualTo("DoNotDisturb/Presenting");
        assertThat(presence.sequenceNumber()).isEqualTo("9");
    }

    @ParameterizedTest(name = "{0}/{1} -> {2}/{3}")
    @CsvSource({
            "available,    available,          Available,       Available",
            "BUSY,         INACALL,            Busy,            InACall",
            "doNotDisturb, presenting,         DoNotDisturb,    Presenting",
            "beRightBack,  beRightBack,        BeRightBack,     BeRightBack",
            "offline,      offWork,            Offline,         OffWork",
            "Focusing,     DeepWork,           Focusing,        DeepWork",
            "' Busy ',     InAMeeting,         Busy,            InAMeeting",
    })
    void knownValuesAreCanonicalisedCaseInsensitivelyAndUnknownOnesKept(String availability, String activity,
                                                                      String expectedAvailability,
                                                                      String expectedActivity) {
        GraphPresence presence = fromPresence("{\"id\":\"u1\",\"availability\":\"" + availability
                + "\",\"activity\":\"" + activity + "\"}");

        assertThat(presence.availability()).isEqualTo(expectedAvailability);
        assertThat(presence.activity()).isEqualTo(expectedActivity);
    }

    @Test
    void missingValuesBecomePresenceUnknownAndUnknownFieldsAreIgnored() {
        GraphPresence presence = fromPresence("{\"id\":\"u1\",\"somethingNew\":{\"a\":1}}");

        assertThat(presence.pair()).isEqualTo("PresenceUnknown/PresenceUnknown");
        assertThat(presence.statusMessage()).isEmpty();
        assertThat(presence.sequenceNumber()).isEmpty();
    }

    @Test
    void aNeverExpiringStatusMessageHasNoExpiry() {
        GraphPresence presence = fromPresence("""
                {"id":"u1","availability":"Available","activity":"Available","statusMessage":{
                  "message":{"content":"<p>In the <b>lab</b> &amp; office</p>","contentType":"html"},
                  "expiryDateTime":{"dateTime":"9999-12-31T23:59:59.9999999","timeZone":"UTC"}}}""");

        assertThat(presence.statusMessage()).isEqualTo("In the lab & office");
        assertThat(presence.statusMessageExpiry()).isNull();
    }

    @Test
    void controlCharactersOfAStatusMessageAreRemovedAndLineBreaksKept() {
        GraphPresence text = fromPresence("""
                {"id":"u1","statusMessage":{"message":{"content":"\\u001b[2J\\u001b[31mpwned\\u0007 a\\u001fb\\r\\nc\\td\\u0000",
                 "contentType":"text"}},"sequenceNumber":"C0003"}""");
        GraphPresence html = fromPresence("""
                {"id":"u1","statusMessage":{"message":{"content":"<p>In the \\u0007lab\\u009b</p>","contentType":"html"}}}""");

        assertThat(text.statusMessage()).isEqualTo("[2J[31mpwned ab\nc\td");
        assertThat(text.sequenceNumber()).isEqualTo("C0003");
        assertThat(html.statusMessage()).isEqualTo("In the lab");
    }

    @Test
    void anExpiryInAnotherZoneIsConvertedAndAnUnknownZoneMeansNoExpiry() {
        GraphPresence berlin = fromPresence("""
                {"id":"u1","statusMessage":{"message":{"content":"x"},
                 "expiryDateTime":{"dateTime":"2026-07-01T12:00:00","timeZone":"Europe/Berlin"}}}""");
        GraphPresence windowsZone = fromPresence("""
                {"id":"u1","statusMessage":{"message":{"content":"x"},
                 "expiryDateTime":{"dateTime":"2026-07-01T12:00:00","timeZone":"W. Europe Standard Time"}}}""");

        assertThat(berlin.statusMessageExpiry()).isEqualTo(Instant.parse("2026-07-01T10:00:00Z"));
        assertThat(windowsZone.statusMessageExpiry()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"value\":[{\"id\":\"u1\"", "<html>Service Unavailable</html>", "", "   "})
    void brokenJsonIsATypedErrorWithAClearMessage(String body) {
        assertThatThrownBy(() -> translator.fromPresenceList(body)).isInstanceOf(GraphFormatException.class)
                .hasMessageStartingWith("Graph presence answer is");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"values\":[]}                          | Graph presence list has no \"value\" array",
            "{\"value\":{}}                           | Graph presence list has no \"value\" array",
            "{\"value\":[{\"availability\":\"Busy\"}]} | Graph value[0] has no user id",
            "{\"value\":[{\"id\":\"u1\"},42]}          | Graph value[1] is not a JSON object",
    })
    void aListWithoutTheExpectedShapeIsATypedError(String body, String message) {
        assertThatThrownBy(() -> translator.fromPresenceList(body)).isInstanceOf(GraphFormatException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void anEmptyListIsFine() {
        assertThat(translator.fromPresenceList("{\"value\":[]}")).isEmpty();
    }

    @Test
    void translatesWhatTheFakeGraphServes() throws Exception {
        try (FakeGraph graph = FakeGraph.start()) {
            graph.addUser("u1", "a@example.com");
            graph.setClientSession("u1", "Busy", "InAMeeting");
            String body = "{\"value\":[" + servedPresence(graph) + "]}";

            GraphPresence presence = translator.fromPresenceList(body).get(0);

            assertThat(presence.pair()).isEqualTo("Busy/InAMeeting");
            assertThat(presence.sequenceNumber()).isEqualTo(graph.presenceOf("u1").sequenceNumber());
        }
    }

    private static String servedPresence(FakeGraph graph) throws Exception {
        GraphTokenProvider tokens = new GraphTokenProvider(graph.settings(), java.time.Clock.systemUTC());
        HttpResponse<String> answer = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(graph.graphUrl() + "/users/u1/presence"))
                        .header("Authorization", "Bearer " + tokens.accessToken()).build(),
                HttpResponse.BodyHandlers.ofString());
        return answer.body();
    }
}
