package io.presencehub.asterisk;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

class AmiConnectionTest {
    private static final Duration CEILING = Duration.ofSeconds(30);
    private static final String P1001 = "CustomPresence:1001";

    private FakeAsterisk asterisk;
    private AmiConnection connection;
    private final List<AsteriskPresence> changes = new CopyOnWriteArrayList<>();
    private final List<List<AsteriskPresence>> snapshots = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startAsterisk() throws Exception {
        asterisk = new FakeAsterisk().start();
    }

    @AfterEach
    void stopAll() {
        if (connection != null) {
            connection.stop();
        }
        asterisk.close();
    }

    private AsteriskSettings settings(String user, String secret) {
        return AsteriskTestSettings.fake(asterisk.port(), user, secret);
    }

    private AmiConnection connect(AsteriskSettings settings) {
        connection = new AmiConnection(settings, changes::add, snapshots::add);
        connection.start(AsteriskTestSettings.supervisor());
        return connection;
    }

    private AmiConnection connectAsHub() {
        connect(settings("hub", "hubsecret"));
        await().atMost(CEILING).until(connection::isConnected);
        return connection;
    }

    @Test
    void connectsAndHandsOverTheResyncSnapshot() {
        asterisk.setPresence(P1001, "away", "In the batcave", "Making batarangs");
        asterisk.setPresence("CustomPresence:Batman", "dnd", "", "Do not disturb");

        connectAsHub();

        await().atMost(CEILING).until(() -> snapshots.size() == 1);
        assertThat(sorted(snapshots.get(0))).isEqualTo(List.of(
                new AsteriskPresence(P1001, "away", "In the batcave", "Making batarangs"),
                new AsteriskPresence("CustomPresence:Batman", "dnd", "", "Do not disturb")));
        assertThat(connection.lastError()).isNull();
    }

    @Test
    void phoneChangeArrivesUnescaped() {
        connectAsHub();

        asterisk.setPresence(P1001, "away", "It's \"quoted\"", "Don't panic? tab\there back\\slash\nnext line 日本 😀");

        await().atMost(CEILING).until(() -> changes.size() == 1);
        assertThat(changes.get(0)).isEqualTo(new AsteriskPresence(P1001, "away", "It's \"quoted\"",
                "Don't panic? tab\there back\\slash\nnext line 日本 😀"));
    }

    @Test
    void messagesAsteriskJavaWouldTurnIntoNullArriveIntact() {
        connectAsHub();

        asterisk.setPresence(P1001, "away", "none", "n/a");

        await().atMost(CEILING).until(() -> changes.size() == 1);
        assertThat(changes.get(0)).isEqualTo(new AsteriskPresence(P1001, "away", "none", "n/a"));
    }

    @Test
    void writeIsEchoedWithTheEffectiveValues() {
        connectAsHub();
        String longMessage = "Line one, with a comma\r\nLine two \"quoted\" back\\slash? ä 日本 😀 " + "x".repeat(300);

        EncodedPresence written = connection.write(P1001, "away", "Gotham, City", longMessage);

        await().atMost(CEILING).until(() -> changes.size() == 1);
        assertThat(changes.get(0)).isEqualTo(written.expectedEcho());
        assertThat(asterisk.setvarCount(P1001)).isEqualTo(1);
        assertThat(asterisk.presence(P1001).orElseThrow()).isEqualTo(written.expectedEcho());
        assertThat(written.effectiveMessage()).startsWith("Line one, with a comma Line two");
    }

    @Test
    void invalidWriteIsRefusedBeforeAnythingIsSent() {
        connectAsHub();

        assertThatThrownBy(() -> connection.write(P1001, "busy", "", "")).isInstanceOf(InvalidPresenceException.class);
        assertThat(asterisk.setvarCount(P1001)).isEqualTo(0);
    }

    @Test
    void writeRefusedByAsteriskThrowsWithAsterisksMessage() {
        connect(settings("limited", "limitedsecret"));
        await().atMost(CEILING).until(connection::isConnected);

        AmiRejectedException e = catchThrowableOfType(AmiRejectedException.class,
                () -> connection.write(P1001, "away", "", ""));
        assertThat(e).as("the write was rejected").isNotNull();
        assertThat(e.asteriskMessage()).isEqualTo("Permission denied");
    }

    @Test
    void writeWhileDisconnectedThrowsNotConnected() {
        asterisk.stop();
        connect(settings("hub", "hubsecret"));

        assertThatThrownBy(() -> connection.write(P1001, "away", "", "")).isInstanceOf(AmiNotConnectedException.class);
    }

    @Test
    void wrongSecretIsReportedClearlyAndRetriedSlowly() {
        asterisk.setAuthFailureDelay(Duration.ofMillis(100));
        connect(settings("hub", "wrong-secret"));

        String expected = "AMI login to 127.0.0.1:" + asterisk.port() + " as hub failed: Authentication failed";
        await().atMost(CEILING).until(() -> expected.equals(connection.lastError()));
        int attemptsSoFar = asterisk.loginAttempts();
        long since = System.nanoTime();
        // it keeps retrying, and slowly: authRetry is 700 ms (plus the fake's 100 ms answer), so the second
        // attempt from now comes at least 800 ms after the first; a tight loop would make both within 0.2 s.
        // (A bound on the time two attempts take, not on the attempts in a time: a slow machine only adds time.)
        await().until(() -> asterisk.loginAttempts() >= attemptsSoFar + 2);
        long tookMs = Duration.ofNanos(System.nanoTime() - since).toMillis();
        assertThat(tookMs).as("two more login attempts within " + tookMs + " ms").isGreaterThanOrEqualTo(700);
        assertThat(connection.isConnected()).isFalse();
        assertThat(connection.lastError()).doesNotContain("wrong-secret");
        assertThat(settings("hub", "wrong-secret").toString()).doesNotContain("wrong-secret");
    }

    @Test
    void unreachableAtStartThenConnectsWhenAsteriskComesUp() throws Exception {
        asterisk.stop();
        connect(settings("hub", "hubsecret"));
        await().atMost(CEILING).until(() -> connection.lastError() != null
                && connection.lastError().startsWith("AMI connection to 127.0.0.1:" + asterisk.port() + " failed"));

        asterisk.start();

        // isConnected() turns true once the snapshot is queued for the consumer, which gets it on its own thread
        await().atMost(CEILING).until(() -> connection.isConnected() && !snapshots.isEmpty());
        assertThat(snapshots).hasSize(1);
    }

    @Test
    void droppedConnectionReconnectsAndResynchronises() {
        connectAsHub();
        await().atMost(CEILING).until(() -> snapshots.size() == 1);

        asterisk.dropAllConnections();
        asterisk.setPresence(P1001, "dnd", "meeting", "changed while we were away");

        await().atMost(CEILING).until(() -> snapshots.size() == 2 && connection.isConnected());
        assertThat(snapshots.get(1))
                .isEqualTo(List.of(new AsteriskPresence(P1001, "dnd", "meeting", "changed while we were away")));
    }

    @Test
    void aPhoneChangeDuringTheListIsNotUndoneByTheListsOlderValue() throws Exception {
        asterisk.setPresence(P1001, "available", "", "");
        connectAsHub();
        await().atMost(CEILING).until(() -> snapshots.size() == 1);

        asterisk.duringNextList(P1001, "dnd", "", "set while the list was sent");
        asterisk.dropAllConnections();

        await().atMost(CEILING).until(() -> snapshots.size() == 2 && connection.isConnected());
        AsteriskPresence live = new AsteriskPresence(P1001, "dnd", "", "set while the list was sent");
        assertThat(changes).as("the live change was delivered").contains(live);
        assertThat(snapshots.get(1)).as("the snapshot, delivered after it, shows the newer value")
                .isEqualTo(List.of(live));
    }

    @Test
    void restartedAsteriskIsReconnectedAndValuesSurvive() throws Exception {
        connectAsHub();
        connection.write(P1001, "xa", "holiday", "back monday");
        asterisk.stop();
        await().atMost(CEILING).until(() -> !connection.isConnected());

        asterisk.start();

        await().atMost(CEILING).until(() -> snapshots.size() == 2 && connection.isConnected());
        assertThat(snapshots.get(1)).isEqualTo(List.of(new AsteriskPresence(P1001, "xa", "holiday", "back monday")));
    }

    @Test
    void theOwnerHearsOfEveryLoginBeforeItsSnapshot() {
        List<String> order = new CopyOnWriteArrayList<>();
        connection = new AmiConnection(settings("hub", "hubsecret"), change -> { }, list -> order.add("snapshot"));
        connection.beforeLogin(() -> order.add("login"));
        connection.start(AsteriskTestSettings.supervisor());
        await().atMost(CEILING).until(() -> order.size() == 2 && connection.isConnected());
        asterisk.dropAllConnections();
        await().atMost(CEILING).until(() -> order.size() == 4 && connection.isConnected());
        assertThat(order).isEqualTo(List.of("login", "snapshot", "login", "snapshot"));
    }

    @Test
    void silentHalfOpenLinkIsDetectedAndReconnected() {
        connectAsHub();

        asterisk.setMuted(true);
        await().atMost(CEILING).until(() -> !connection.isConnected());
        asterisk.setMuted(false);

        await().atMost(CEILING).until(() -> snapshots.size() >= 2 && connection.isConnected());
    }

    @Test
    void aBlockedOwnerDoesNotStallTheReaderAndOnlyTheLatestReportWaits() throws Exception {
        // the hub's owner: the coalescing inbox, which nobody drains while the route is blocked
        AsteriskInbox inbox = new AsteriskInbox(new AsteriskEchoes(), java.time.Clock.systemUTC(), p -> false);
        connection = new AmiConnection(settings("hub", "hubsecret"), inbox::offer, inbox::offerSnapshot);
        connection.start(AsteriskTestSettings.supervisor());
        await().atMost(CEILING).until(connection::isConnected);
        // a small send buffer makes a client that stops reading hit Asterisk's write timeout quickly; 2 s
        // instead of Asterisk's 100 ms, so that a reader merely descheduled on a loaded machine is not dropped
        // (a stalled reader stays stalled for good, and is dropped all the same)
        asterisk.setSendBufferSize(4096);
        asterisk.setWriteTimeout(Duration.ofSeconds(2));
        asterisk.dropAllConnections();
        await().atMost(CEILING).until(() -> asterisk.loginAttempts() >= 2 && connection.isConnected());

        asterisk.flood(P1001, "away", 5000);

        // all 5,000 were read while the owner's route is still blocked: the answer to a Setvar sent after them
        // arrives behind them on the same socket
        await().atMost(CEILING).until(() -> asterisk.presence(P1001).orElseThrow().message().equals("flood 5000"));
        connection.write(P1001, "dnd", "", "after the flood");
        assertThat(asterisk.loggedInClients()).as("Asterisk did not have to drop a slow reader").isEqualTo(1);
        // the route catching up; the Setvar's own report may come just after its answer
        List<AsteriskInbox.Report> handedOver = new CopyOnWriteArrayList<>();
        await().atMost(CEILING).until(() -> {
            while (inbox.handOver(handedOver::add, Duration.ZERO)) {
                // take everything waiting
            }
            return handedOver.stream().anyMatch(r -> r instanceof AsteriskInbox.Item item
                    && item.presence().message().equals("after the flood"));
        });
        List<String> live = handedOver.stream().filter(r -> r instanceof AsteriskInbox.Item)
                .map(r -> ((AsteriskInbox.Item) r).presence().message()).toList();
        assertThat(live).as("only the latest report of the presentity waited")
                .hasSizeLessThanOrEqualTo(2).isSubsetOf("flood 5000", "after the flood");
        assertThat(handedOver.stream().filter(r -> r instanceof AsteriskInbox.Snapshot).count())
                .as("one snapshot per login, no reconnect").isEqualTo(2);
    }


    private static List<AsteriskPresence> sorted(List<AsteriskPresence> presences) {
        assertThat(presences).isNotNull();
        return presences.stream().sorted((a, b) -> a.presentity().compareTo(b.presentity())).toList();
    }
}
