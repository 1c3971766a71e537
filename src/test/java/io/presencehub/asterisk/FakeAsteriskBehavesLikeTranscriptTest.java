package io.presencehub.asterisk;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Replays the client side of recorded sessions against {@link FakeAsterisk} and compares what the
 * fake answers with what the real Asterisk answered, connection by connection, header by header.
 *
 * <p>Tolerated differences: the values of Timestamp, Uptime and LastReload; security-class events
 * (SuccessfulAuth), which Asterisk raises asynchronously and whose contents are per-session; and the
 * order of events between two responses (PresenceStatus vs PresenceStateChange, list items).
 */
class FakeAsteriskBehavesLikeTranscriptTest {
    private static final Set<String> VOLATILE = Set.of("timestamp", "uptime", "lastreload");

    private FakeAsterisk asterisk;
    private final Map<String, Client> clients = new LinkedHashMap<>();

    @AfterEach
    void stop() {
        clients.values().forEach(Client::close);
        if (asterisk != null) {
            asterisk.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"01-login-logoff.txt", "02-presencestate-action.txt",
            "03-setvar-presencestatechange.txt", "05-all-states.txt", "07-presencestatelist.txt"})
    void fakeAnswersLikeTheRecordedAsterisk(String transcript) throws Exception {
        asterisk = new FakeAsterisk();
        prepare(transcript);
        asterisk.start();
        List<TranscriptFile.Record> records = TranscriptFile.read(transcript);

        Map<String, StringBuilder> recorded = new LinkedHashMap<>();
        Map<String, Boolean> recordedEof = new LinkedHashMap<>();
        for (TranscriptFile.Record r : records) {
            if (r.fromServer() && !clients.containsKey(r.connection())) {
                clients.put(r.connection(), new Client(asterisk.port()));
            }
            if (r.fromClient()) {
                // send only once the fake has said everything Asterisk had said by then
                recorded.forEach((conn, wire) -> awaitMessages(conn, comparable(wire.toString()).size()));
                clients.get(r.connection()).send(r.wire());
            }
            if (r.fromServer()) {
                recorded.computeIfAbsent(r.connection(), c -> new StringBuilder()).append(r.wire());
            }
            if (r.isEof()) {
                recordedEof.put(r.connection(), true);
            }
        }

        for (Map.Entry<String, StringBuilder> entry : recorded.entrySet()) {
            String conn = entry.getKey();
            List<String> expected = canonical(comparable(entry.getValue().toString()));
            assertThat(expected).as("recording of " + conn + " has messages to compare").hasSizeGreaterThan(1);
            awaitMessages(conn, expected.size());
            if (recordedEof.containsKey(conn)) {
                await().until(clients.get(conn)::closedByServer);
            }
            assertThat(String.join("\n", canonical(comparable(clients.get(conn).received()))))
                    .as(transcript + " connection " + conn).isEqualTo(String.join("\n", expected));
        }
    }

    /**
     * Transcript 13, written with arrows: each recorded action is sent over one logged-in connection and what the fake
     * answers is compared with what Asterisk answered. The recording shows two of the five DeviceStateList items; the
     * fake must answer those exactly and may only add list items of the same ActionID (five in all, as ListItems says).
     * The steps the recording only describes in a comment (RINGING, ONHOLD, BOGUS) are checked as it describes them.
     */
    @Test
    void fakeAnswersDeviceStateActionsLikeTheRecordedAsterisk() throws Exception {
        asterisk = new FakeAsterisk();
        asterisk.addHint("CustomPresence:2003",
                new FakeAsterisk.Hint("2003", "acc-zentrale-vertrieb", "Custom:2003,CustomPresence:2003"));
        asterisk.seedDeviceState("MWI:1234@devices@myaliases", "NOT_INUSE");
        asterisk.start();
        Client client = new Client(asterisk.port());
        clients.put("e2e", client);
        exchange(client, AmiWire.message().add("Action", "Login").add("ActionID", "l1").add("Username", "hub")
                .add("Secret", "hubsecret").build(), "Response");
        List<TranscriptFile.Exchange> recorded = TranscriptFile.readArrows("13-device-state.txt");
        assertThat(recorded).extracting(e -> e.action().get("Action"))
                .containsExactly("Setvar", "DeviceStateList", "ExtensionState", "Getvar");

        TranscriptFile.Exchange setInUse = recorded.get(0);
        assertThat(exchange(client, withActionId(setInUse), last(setInUse))).isEqualTo(canonical(setInUse.answer()));

        assertThat(exchange(client, setvar("RINGING", "d-r"), "DeviceStateChange"))
                .contains(canonicalOf(event("DeviceStateChange", "Device", "Custom:2003", "State", "RINGING")))
                .anySatisfy(line -> assertThat(line).contains("Status: 8 | StatusText: Ringing"));
        assertThat(exchange(client, setvar("ONHOLD", "d-h"), "DeviceStateChange"))
                .anySatisfy(line -> assertThat(line).contains("Status: 16 | StatusText: Hold"));
        assertThat(exchange(client, setvar("BOGUS", "d-b"), "Response"))
                .containsExactly(canonicalOf(AmiWire.message().add("Response", "Error").add("ActionID", "d-b")
                        .add("Message", "Variable not set").build()));
        exchange(client, setvar("NOT_INUSE", "d-n"), "DeviceStateChange");
        // the three list items the recording leaves out
        asterisk.seedDeviceState("PJSIP/2003", "NOT_INUSE");
        asterisk.seedDeviceState("PJSIP/2004", "UNAVAILABLE");
        asterisk.seedDeviceState("Custom:2004", "NOT_INUSE");

        TranscriptFile.Exchange list = recorded.get(1);
        List<String> answered = exchange(client, list.action(), "DeviceStateListComplete");
        List<String> expected = canonical(list.answer());
        assertThat(answered).containsAll(expected).hasSize(expected.size() + 3);
        assertThat(answered.stream().filter(line -> !expected.contains(line)))
                .allSatisfy(item -> assertThat(item).startsWith("Event: DeviceStateChange | ActionID: d1 | Device: "));

        for (TranscriptFile.Exchange query : recorded.subList(2, 4)) {
            assertThat(exchange(client, query.action(), last(query))).isEqualTo(canonical(query.answer()));
        }
    }

    /** Sends an action and returns the fake's answer, canonical, once a message of the kind {@code until} arrived. */
    private List<String> exchange(Client client, AmiWire.Message action, String until) throws IOException {
        int before = comparable(client.received()).size();
        client.send(action.toWire());
        await().until(() -> comparable(client.received()).stream().skip(before)
                .anyMatch(m -> until.equals(m.isEvent() ? m.get("Event") : "Response")));
        return canonical(comparable(client.received()).stream().skip(before).toList());
    }

    private static String last(TranscriptFile.Exchange exchange) {
        AmiWire.Message last = exchange.answer().get(exchange.answer().size() - 1);
        return last.isEvent() ? last.get("Event") : "Response";
    }

    /** The recording's first Setvar lists no ActionID, but Asterisk answered one (ami-2): the client sent it. */
    private static AmiWire.Message withActionId(TranscriptFile.Exchange exchange) {
        List<AmiWire.Header> headers = new ArrayList<>(exchange.action().headers());
        headers.add(1, new AmiWire.Header("ActionID", exchange.answer().get(0).get("ActionID")));
        return new AmiWire.Message(headers);
    }

    private static AmiWire.Message setvar(String value, String actionId) {
        return AmiWire.message().add("Action", "Setvar").add("ActionID", actionId)
                .add("Variable", "DEVICE_STATE(Custom:2003)").add("Value", value).build();
    }

    private static AmiWire.Message event(String name, String... headers) {
        AmiWire.Builder event = AmiWire.message().add("Event", name).add("Privilege", "call,all");
        for (int i = 0; i < headers.length; i += 2) {
            event.add(headers[i], headers[i + 1]);
        }
        return event.build();
    }

    private static String canonicalOf(AmiWire.Message message) {
        return canonical(List.of(message)).get(0);
    }

    private void prepare(String transcript) {
        if (transcript.startsWith("01")) {
            asterisk.setChallenge("160781687");
        }
        if (transcript.startsWith("07")) {
            // the state the earlier scenarios left behind, as listed in the recording
            asterisk.seed("CustomPresence:Batman", "away", bytes("In the batcave"), bytes("Making batarangs"));
            asterisk.seed("CustomPresence:nohint", "chat", bytes(""), bytes("No hint for me"));
            asterisk.seed("CustomPresence:1001", "away", new byte[] {(byte) 0xFF, (byte) 0xFF},
                    new byte[] {(byte) 0xFF, (byte) 0xFF});
            asterisk.seed("CustomPresence:1002", "not_set", bytes(""), bytes(""));
            asterisk.seed("CustomPresence:1003", "dnd", bytes(""), bytes("Do not disturb"));
            asterisk.seedDeviceState("Custom:1003", "NOT_INUSE");
            asterisk.seedDeviceState("Custom:Batman", "INUSE");
        }
    }

    private void awaitMessages(String conn, int count) {
        Client client = clients.get(conn);
        await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5))
                .until(() -> comparable(client.received()).size() >= count);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Parsed messages without security-class events. */
    private static List<AmiWire.Message> comparable(String wire) {
        return AmiWire.parseAll(wire).stream()
                .filter(m -> m.get("Privilege") == null || !m.get("Privilege").startsWith("security"))
                .toList();
    }

    /** Each message as text with volatile values blanked; runs of events between responses sorted. */
    private static List<String> canonical(List<AmiWire.Message> messages) {
        List<String> result = new ArrayList<>();
        List<String> eventRun = new ArrayList<>();
        for (AmiWire.Message m : messages) {
            StringBuilder text = new StringBuilder();
            for (AmiWire.Header h : m.headers()) {
                String value = VOLATILE.contains(h.name().toLowerCase(java.util.Locale.ROOT)) ? "*" : h.value();
                text.append(h.name()).append(": ").append(value).append(" | ");
            }
            if (m.isEvent()) {
                eventRun.add(text.toString());
            } else {
                eventRun.sort(null);
                result.addAll(eventRun);
                eventRun.clear();
                result.add(text.toString());
            }
        }
        eventRun.sort(null);
        result.addAll(eventRun);
        return result;
    }

    /** A plain-socket AMI client that records every byte it receives. */
    private static final class Client {
        private final Socket socket;
        private final StringBuilder received = new StringBuilder();
        private volatile boolean eof;

        Client(int port) throws IOException {
            socket = new Socket(InetAddress.getLoopbackAddress(), port);
            Thread reader = new Thread(this::read, "transcript-client");
            reader.setDaemon(true);
            reader.start();
        }

        private void read() {
            byte[] buffer = new byte[8192];
            try {
                InputStream in = socket.getInputStream();
                int n;
                while ((n = in.read(buffer)) != -1) {
                    synchronized (received) {
                        received.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
                    }
                }
            } catch (IOException e) {
                // closed
            }
            eof = true;
        }

        void send(String wire) throws IOException {
            socket.getOutputStream().write(wire.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
        }

        String received() {
            synchronized (received) {
                return received.toString();
            }
        }

        boolean closedByServer() {
            return eof;
        }

        void close() {
            FakeAsterisk.closeQuietly(socket);
        }
    }
}
