package io.presencehub.asterisk;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Feeds the exact bytes of recorded PresenceStateChange events through the hub's whole reading
 * path (socket, asterisk-java's reader and event builder, our event class, the translator, the
 * hand-off) and checks every field against what the recording means.
 */
class TranscriptReplayTest {
    private static final String P1001 = "CustomPresence:1001";
    private static final String P1002 = "CustomPresence:1002";

    private FakeAsterisk asterisk;
    private AmiConnection connection;
    private final List<AsteriskPresence> changes = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (connection != null) {
            connection.stop();
        }
        if (asterisk != null) {
            asterisk.close();
        }
    }

    @Test
    void setvarEventsOfTranscript03() throws Exception {
        assertThat(replay("03-setvar-presencestatechange.txt", "L")).isEqualTo(List.of(
                new AsteriskPresence(P1001, "away", "In the batcave", "Making batarangs"),
                new AsteriskPresence("CustomPresence:Batman", "away", "In the batcave", "Making batarangs"),
                new AsteriskPresence(P1001, "away", "In the batcave", "Making batarangs"),
                new AsteriskPresence("CustomPresence:nohint", "chat", "", "No hint for me")));
    }

    @Test
    void base64CommasNewlinesEscapesAndUtf8OfTranscript04() throws Exception {
        assertThat(replay("04-base64-e-option.txt", "L")).isEqualTo(List.of(
                new AsteriskPresence(P1001, "away", "Gotham, City",
                        "Line one, with a comma\nLine two, another comma\r\nLine three: done"),
                new AsteriskPresence(P1001, "xa", "On vacation", ""),
                new AsteriskPresence(P1001, "dnd", "", "0123456789abcdef".repeat(15) + "0123456789abcde"),
                new AsteriskPresence(P1001, "away", "It's \"quoted\"", "Don't panic? tab\there back\\slash"),
                new AsteriskPresence(P1001, "available", "Café", "Grüße ☕"),
                // invalid base64 decodes to the bytes FF FF, which are not UTF-8
                new AsteriskPresence(P1001, "away", "\uFFFD\uFFFD", "\uFFFD\uFFFD")));
    }

    @Test
    void everyStateOfTranscript05() throws Exception {
        List<AsteriskPresence> expected = new ArrayList<>();
        for (String state : List.of("not_set", "unavailable", "available", "away", "xa", "chat", "dnd")) {
            expected.add(new AsteriskPresence(P1002, state, "sub-" + state, "msg-" + state));
        }
        expected.add(new AsteriskPresence(P1002, "away", "sub-upper", "msg-upper"));
        expected.add(new AsteriskPresence(P1002, "not_set", "", ""));
        assertThat(replay("05-all-states.txt", "L")).isEqualTo(expected);
    }

    @Test
    void emptySubtypeAndMessageOfTranscript08() throws Exception {
        assertThat(replay("08-events-ping-errors.txt", "A")).isEqualTo(List.of(
                new AsteriskPresence("CustomPresence:1004", "away", "", ""),
                new AsteriskPresence("CustomPresence:1004", "xa", "", ""),
                new AsteriskPresence("CustomPresence:1004", "available", "", "")));
    }

    @Test
    void presenceStatusAndOtherEventsOfTranscript03AreIgnored() throws Exception {
        // every S->C message of the listener (FullyBooted, SuccessfulAuth, PresenceStatus, ...) goes through;
        // only the four PresenceStateChange events come out
        start();
        List<String> all = new ArrayList<>();
        for (TranscriptFile.Record r : TranscriptFile.read("03-setvar-presencestatechange.txt")) {
            if (r.fromServer() && r.connection().equals("L") && !r.wire().startsWith("Asterisk Call Manager/")
                    && !r.wire().contains("Response:")) {
                all.add(r.wire());
            }
        }
        all.forEach(asterisk::sendRaw);
        asterisk.setPresence("CustomPresence:marker", "available", "", "end");
        await().until(() -> changes.size() == 5);
        assertThat(changes.get(4).presentity()).isEqualTo("CustomPresence:marker");
    }

    /** Sends the recorded PresenceStateChange events of one connection, byte for byte, and collects what the hub made of them. */
    private List<AsteriskPresence> replay(String transcript, String conn) throws Exception {
        start();
        int count = 0;
        for (TranscriptFile.Record r : TranscriptFile.read(transcript)) {
            if (!r.fromServer() || !r.connection().equals(conn)) {
                continue;
            }
            for (String message : r.wire().split("\r\n\r\n")) {
                if (message.startsWith("Event: PresenceStateChange\r\n")) {
                    asterisk.sendRaw(message + "\r\n\r\n");
                    count++;
                }
            }
        }
        int expected = count;
        await().until(() -> changes.size() == expected);
        return List.copyOf(changes);
    }

    private void start() throws Exception {
        asterisk = new FakeAsterisk().start();
        connection = new AmiConnection(AsteriskTestSettings.with(Map.of("hub.asterisk.port",
                Integer.toString(asterisk.port()), "hub.asterisk.username", "hub", "hub.asterisk.ping-interval", "5s",
                "hub.asterisk.read-timeout", "20s", "hub.asterisk.reconnect-min", "100ms",
                "hub.asterisk.reconnect-max", "500ms", "hub.asterisk.auth-retry", "1s")), changes::add, snapshot -> { });
        connection.start(AsteriskTestSettings.supervisor());
        await().until(connection::isConnected);
    }
}
