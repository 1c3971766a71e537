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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GraphPresenceTranslatorTest {

    private final GraphPresenceTranslator translator = new GraphPresenceTranslator();

    /** One user's presence as it comes in a getPresencesByUserId answer. */
    private GraphPresence fromPresence(String presence) {
        List<GraphPresence> presences = translator.fromPresenceList("{\"value\":[" + presence + "]}");
        assertEquals(1, presences.size());
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

        assertEquals(List.of(
                new GraphPresence("u1", "Busy", "InACall", "", null, "C0001"),
                new GraphPresence("u2", "Away", "Away", "Back at 17:00", Instant.parse("2026-11-22T17:00:00Z"),
                        "C0002")), presences);
    }

    @Test
    void translatesOnePresence() {
        GraphPresence presence = fromPresence(
                "{\"id\":\"u1\",\"availability\":\"DoNotDisturb\",\"activity\":\"Presenting\",\"sequenceNumber\":\"9\"}");

        assertEquals("DoNotDisturb/Presenting", presence.pair());
        assertEquals("9", presence.sequenceNumber());
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

        assertEquals(expectedAvailability, presence.availability());
        assertEquals(expectedActivity, presence.activity());
    }

    @Test
    void missingValuesBecomePresenceUnknownAndUnknownFieldsAreIgnored() {
        GraphPresence presence = fromPresence("{\"id\":\"u1\",\"somethingNew\":{\"a\":1}}");

        assertEquals("PresenceUnknown/PresenceUnknown", presence.pair());
        assertEquals("", presence.statusMessage());
        assertEquals("", presence.sequenceNumber());
    }

    @Test
    void aNeverExpiringStatusMessageHasNoExpiry() {
        GraphPresence presence = fromPresence("""
                {"id":"u1","availability":"Available","activity":"Available","statusMessage":{
                  "message":{"content":"<p>In the <b>lab</b> &amp; office</p>","contentType":"html"},
                  "expiryDateTime":{"dateTime":"9999-12-31T23:59:59.9999999","timeZone":"UTC"}}}""");

        assertEquals("In the lab & office", presence.statusMessage());
        assertNull(presence.statusMessageExpiry());
    }

    @Test
    void controlCharactersOfAStatusMessageAreRemovedAndLineBreaksKept() {
        GraphPresence text = fromPresence("""
                {"id":"u1","statusMessage":{"message":{"content":"\\u001b[2J\\u001b[31mpwned\\u0007 a\\u001fb\\r\\nc\\td\\u0000",
                 "contentType":"text"}},"sequenceNumber":"C0003"}""");
        GraphPresence html = fromPresence("""
                {"id":"u1","statusMessage":{"message":{"content":"<p>In the \\u0007lab\\u009b</p>","contentType":"html"}}}""");

        assertEquals("[2J[31mpwned ab\nc\td", text.statusMessage());
        assertEquals("C0003", text.sequenceNumber());
        assertEquals("In the lab", html.statusMessage());
    }

    @Test
    void anExpiryInAnotherZoneIsConvertedAndAnUnknownZoneMeansNoExpiry() {
        GraphPresence berlin = fromPresence("""
                {"id":"u1","statusMessage":{"message":{"content":"x"},
                 "expiryDateTime":{"dateTime":"2026-07-01T12:00:00","timeZone":"Europe/Berlin"}}}""");
        GraphPresence windowsZone = fromPresence("""
                {"id":"u1","statusMessage":{"message":{"content":"x"},
                 "expiryDateTime":{"dateTime":"2026-07-01T12:00:00","timeZone":"W. Europe Standard Time"}}}""");

        assertEquals(Instant.parse("2026-07-01T10:00:00Z"), berlin.statusMessageExpiry());
        assertNull(windowsZone.statusMessageExpiry());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"value\":[{\"id\":\"u1\"", "<html>Service Unavailable</html>", "", "   "})
    void brokenJsonIsATypedErrorWithAClearMessage(String body) {
        GraphFormatException e = assertThrows(GraphFormatException.class, () -> translator.fromPresenceList(body));

        assertTrue(e.getMessage().startsWith("Graph presence answer is"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"values\":[]}                          | Graph presence list has no \"value\" array",
            "{\"value\":{}}                           | Graph presence list has no \"value\" array",
            "{\"value\":[{\"availability\":\"Busy\"}]} | Graph value[0] has no user id",
            "{\"value\":[{\"id\":\"u1\"},42]}          | Graph value[1] is not a JSON object",
    })
    void aListWithoutTheExpectedShapeIsATypedError(String body, String message) {
        GraphFormatException e = assertThrows(GraphFormatException.class, () -> translator.fromPresenceList(body));

        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }

    @Test
    void anEmptyListIsFine() {
        assertEquals(List.of(), translator.fromPresenceList("{\"value\":[]}"));
    }

    @Test
    void translatesWhatTheFakeGraphServes() throws Exception {
        try (FakeGraph graph = FakeGraph.start()) {
            graph.addUser("u1", "a@example.com");
            graph.setClientSession("u1", "Busy", "InAMeeting");
            String body = "{\"value\":[" + servedPresence(graph) + "]}";

            GraphPresence presence = translator.fromPresenceList(body).get(0);

            assertEquals("Busy/InAMeeting", presence.pair());
            assertEquals(graph.presenceOf("u1").sequenceNumber(), presence.sequenceNumber());
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
