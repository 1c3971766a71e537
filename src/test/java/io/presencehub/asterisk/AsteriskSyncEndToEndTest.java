package io.presencehub.asterisk;

import io.presencehub.model.UserKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.presencehub.testing.LineClient;
import io.presencehub.testing.LogCapture;
import io.presencehub.testing.TestDirectories;
import io.presencehub.testing.TestHub;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The hub with AMI on, against FakeAsterisk, seen by a status client: both directions, echoes, reconnects, restarts. */
class AsteriskSyncEndToEndTest extends BaseAsteriskHubTest {

    private static final Duration CEILING = Duration.ofSeconds(30);
    private static final String P1003 = "CustomPresence:1003";
    private static final String P1004 = "CustomPresence:1004";

    private TestHub startHub(String... settings) {
        TestHub created = TestHub.in(folder).withAsterisk(asterisk);
        for (int i = 0; i < settings.length; i += 2) {
            created.with(settings[i], settings[i + 1]);
        }
        hub = created.start();
        await().atMost(CEILING).until(() -> hub.asteriskConnected());
        return hub;
    }

    @Test
    void phoneChangeReachesStatusClientsAsTheSeedsEventsAndIsNotWrittenBack() {
        startHub();
        assertThat(hub.health()).startsWith("200").contains("UP");
        assertThat(asterisk.loggedInClients()).as("one AMI login per hub").isEqualTo(1);
        try (LineClient client = hub.client()) {
            asterisk.setPresence(P1003, "dnd", "", "On a call, \"back\" soon\nreally");
            assertThat(client.readLines(2)).containsExactly(
                    "ExtensionStatusUpdatedEvent@#HQ@#Sales@#1003@#Do Not Disturb",
                    "ExtensionNoteUpdatedEvent@#HQ@#Sales@#1003@#On a call, \"back\" soon#masknl#really");
            assertThat(client.staysSilent(500)).isTrue();
            assertNextAmiEventIsTheOnlyOne(client);
        }
        await().atMost(CEILING).until(() -> hub.asteriskWriterIdle());
        assertThat(asterisk.setvarCount(P1003)).isZero();
    }

    @Test
    void aPhoneMessageWithControlCharactersReachesClientsAndTheStoreCleaned() {
        startHub();
        try (LineClient client = hub.client()) {
            // ESC goes over AMI raw, BEL and CR LF C-escaped: the hub gets them all back
            asterisk.setPresence(P1003, "dnd", "", "\u001b[2J\u001b[31mpwned\u0007 back\r\nat\t3");
            assertThat(client.readLines(2)).containsExactly(
                    "ExtensionStatusUpdatedEvent@#HQ@#Sales@#1003@#Do Not Disturb",
                    "ExtensionNoteUpdatedEvent@#HQ@#Sales@#1003@#[2J[31mpwned back#masknl#at\t3");
            assertThat(hub.applier().current(new UserKey("hq", "sales", "bob")).note())
                    .isEqualTo("[2J[31mpwned back\nat\t3");
        }
        hub.close();
        hub = null;
        try (TestHub withoutAmi = TestHub.in(folder).start(); LineClient client = withoutAmi.client()) {
            assertThat(client.ask("get_extension_note@#HQ@#Sales@#1003")).as("as stored")
                    .isEqualTo("ExtensionNote@#[2J[31mpwned back#masknl#at\t3");
        }
    }

    @Test
    void anExtensionAUserGainsInTheDirectoryGetsTheUsersStateButANewUserIsLeftAlone() {
        String aliceWithoutSecondPhone = TestDirectories.smallWith("extensions: [\"1001\", \"1002\"]", "extensions: [\"1001\"]");
        TestHub created = TestHub.in(folder).directory(aliceWithoutSecondPhone).withAsterisk(asterisk).with("hub.asterisk.outgoing-method", "all");
        hub = created.start();
        await().atMost(CEILING).until(() -> hub.asteriskConnected());
        try (LineClient client = hub.client()) {
            client.set("set_extension_status@#HQ@#Sales@#1001@#Do Not Disturb");
            await().atMost(CEILING).until(() -> asterisk.setvarCount("CustomPresence:1001") == 1
                    && hub.asteriskWriterIdle());
            assertThat(asterisk.setvarCount("CustomPresence:sales-1002")).isZero();

            hub.writeDirectory(TestDirectories.SMALL_WITH_1005);

            await().atMost(CEILING).until(() -> asterisk.setvarCount("CustomPresence:sales-1002") == 1
                    && hub.asteriskWriterIdle());
            assertThat(asterisk.lastSetvarValue("CustomPresence:sales-1002").orElseThrow()).startsWith("dnd,");
            assertThat(client.readLine()).isEqualTo("ExtensionAddedEvent@#HQ@#Sales@#1005");
            assertThat(asterisk.setvarCount("CustomPresence:1005")).as("a new user: Asterisk's value stands").isZero();
            assertThat(asterisk.setvarCount("CustomPresence:1001")).isEqualTo(1);
        }
    }

    @Test
    void aStoredChangeTheHubNeverWroteIsWrittenOnConnectAndUntouchedUsersAreLeftAlone() {
        asterisk.setPresence("CustomPresence:1001", "available", "", "");
        asterisk.setPresence(P1003, "away", "", "phone says away");
        try (TestHub withoutAmi = TestHub.in(folder).start(); LineClient client = withoutAmi.client()) {
            // stored and acknowledged, but never written: AMI is off (as if killed before the Setvar)
            client.set("set_extension_status@#HQ@#Sales@#1001@#Do Not Disturb");
        }

        startHub();

        // the fake counts a Setvar on receipt and stores its value after answering: wait for the stored value
        await().atMost(CEILING).until(() -> asterisk.presence("CustomPresence:1001")
                .map(p -> p.state().equals("dnd")).orElse(false));
        assertThat(asterisk.setvarCount("CustomPresence:1001")).isEqualTo(1);
        assertThat(asterisk.lastSetvarValue("CustomPresence:1001").orElseThrow()).startsWith("dnd,");
        assertThat(hub.applier().current(new UserKey("hq", "sales", "alice")).statusId()).isEqualTo("sales-dnd");
        // bob was never changed in the hub: Asterisk's value is the truth, nothing is written to it
        await().atMost(CEILING).until(() -> hub.applier().current(new UserKey("hq", "sales", "bob")).statusType()
                == io.presencehub.model.StatusType.AWAY && hub.asteriskWriterIdle());
        assertThat(asterisk.setvarCount(P1003)).isZero();
    }

    @Test
    void subtypeSelectsTheTenantStatusByName() {
        startHub();
        try (LineClient client = hub.client()) {
            asterisk.setPresence(P1004, "away", "Away", "");
            assertThat(client.readLine()).isEqualTo("ExtensionStatusUpdatedEvent@#HQ@#Sales@#1004@#Away");
            asterisk.setPresence(P1004, "away", "", "");
            assertThat(client.readLine()).isEqualTo("ExtensionStatusUpdatedEvent@#HQ@#Sales@#1004@#Lunch");
            asterisk.setPresence(P1004, "away", "Do Not Disturb", "");
            assertThat(client.staysSilent(500)).as("a subtype naming a status of another type picks the default").isTrue();
            asterisk.setPresence(P1003, "dnd", "", "");
            assertThat(client.readLine()).as("the next AMI report's event is the next line: none came before it")
                    .isEqualTo("ExtensionStatusUpdatedEvent@#HQ@#Sales@#1003@#Do Not Disturb");
        }
        await().atMost(CEILING).until(() -> hub.asteriskWriterIdle());
        assertThat(asterisk.setvarCount(P1004)).isZero();
    }

    @Test
    void aPhoneChangeAfterAWriteWhoseReportWasLostWithTheLinkWinsAtResync() {
        startHub();
        try (LineClient client = hub.client()) {
            asterisk.loseTheEchoOfTheNextWrite();
            asterisk.setAcceptLogins(false);
            client.set("set_extension_status@#HQ@#Sales@#1003@#Lunch");
            await().atMost(CEILING).until(() -> asterisk.presence(P1003).map(p -> p.state().equals("away"))
                    .orElse(false) && !hub.asteriskConnected());
            // while the hub is away, the phone changes: Asterisk's list after the reconnect shows it
            asterisk.setPresence(P1003, "dnd", "", "at the phone");
            asterisk.setAcceptLogins(true);

            assertThat(client.readLines(2)).containsExactly(
                    "ExtensionStatusUpdatedEvent@#HQ@#Sales@#1003@#Do Not Disturb",
                    "ExtensionNoteUpdatedEvent@#HQ@#Sales@#1003@#at the phone");
            // and the lost report does not make later phone changes look older than the hub's write
            asterisk.setPresence(P1003, "away", "Away", "at the phone");
            assertThat(client.readLine()).isEqualTo("ExtensionStatusUpdatedEvent@#HQ@#Sales@#1003@#Away");
        }
        await().atMost(CEILING).until(() -> hub.asteriskWriterIdle());
        assertThat(asterisk.setvarCount(P1003)).as("the hub's Lunch is not written over the phone's change")
                .isEqualTo(1);
    }

    @Test
    void typesAndStatesMappedToAnEmptyValueAreNotSynchronised() {
        startHub("hub.asterisk.outgoing-map.away", "", "hub.asterisk.incoming-map.dnd", "");
        try (LineClient client = hub.client()) {
            client.set("set_extension_status@#HQ@#Sales@#1003@#Lunch");
            client.set("set_extension_status@#HQ@#Sales@#1003@#Do Not Disturb");
            await().atMost(CEILING).until(() -> asterisk.setvarCount(P1003) >= 1 && hub.asteriskWriterIdle());
            assertThat(asterisk.setvarCount(P1003)).as("away is not written, dnd is").isEqualTo(1);
            assertThat(asterisk.lastSetvarValue(P1003).orElseThrow()).startsWith("dnd,");

            asterisk.setPresence(P1004, "dnd", "", "");
            asterisk.setPresence(P1004, "away", "", "");
            assertThat(client.readLine()).as("the phone's dnd changed nothing; its away did")
                    .isEqualTo("ExtensionStatusUpdatedEvent@#HQ@#Sales@#1004@#Lunch");
        }
    }

    @Test
    void statusClientSetWritesTheExactBase64ValueAndItsEchoCausesNoSecondEvent() {
        startHub();
        try (LineClient setter = hub.client(); LineClient listener = hub.client()) {
            setter.set("set_extension_note@#HQ@#Sales@#1003@#Back at 2, \"maybe\"");
            setter.set("set_extension_status@#HQ@#Sales@#1003@#Lunch");
            assertThat(listener.readLines(2)).containsExactly(
                    "ExtensionNoteUpdatedEvent@#HQ@#Sales@#1003@#Back at 2, \"maybe\"",
                    "ExtensionStatusUpdatedEvent@#HQ@#Sales@#1003@#Lunch");
            await().atMost(CEILING).until(() -> asterisk.presence(P1003)
                    .equals(Optional.of(new AsteriskPresence(P1003, "away", "Lunch", "Back at 2, \"maybe\""))));
            assertThat(asterisk.lastSetvarValue(P1003)).contains("away," + b64("Lunch") + "," + b64("Back at 2, \"maybe\"") + ",e");
            assertThat(listener.staysSilent(700)).as("the echo is not a change").isTrue();
            assertNextAmiEventIsTheOnlyOne(listener);
        }
        await().atMost(CEILING).until(() -> hub.asteriskWriterIdle());
        assertThat(asterisk.setvarCount(P1003)).isBetween(1, 2); // the note alone is written too, unless coalesced
    }

    @Test
    void notesWithLineBreaksAndUtf8AreWrittenOnOneLineCutTo255Bytes() {
        startHub();
        String note = "Zurück 😀 um 14:00#masknl#" + "ü".repeat(200);
        String expected = PresenceValueEncoder.effective(note.replace("#masknl#", "\n"));
        assertThat(expected.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(255);
        try (LineClient setter = hub.client(); LineClient listener = hub.client()) {
            setter.set("set_extension_note@#HQ@#Sales@#1004@#" + note);
            listener.readLine();
            await().atMost(CEILING).until(() -> asterisk.presence(P1004)
                    .map(p -> p.message().equals(expected) && p.subtype().equals("Available")).orElse(false));
            assertThat(expected).doesNotContain("\n").startsWith("Zurück 😀 um 14:00 ü");
            assertThat(listener.staysSilent(700)).isTrue();
            asterisk.setPresence(P1003, "dnd", "", "");
            assertThat(listener.readLine()).as("the echo caused no event before the next AMI report's")
                    .isEqualTo("ExtensionStatusUpdatedEvent@#HQ@#Sales@#1003@#Do Not Disturb");
        }
    }

    @Test
    void allWritesEveryExtensionOfTheUser() {
        startHub("hub.asterisk.outgoing-method", "all");
        try (LineClient client = hub.client()) {
            client.set("set_extension_status@#HQ@#Sales@#1001@#Do Not Disturb");
            await().atMost(CEILING).until(() -> asterisk.presence("CustomPresence:1001").isPresent()
                    && asterisk.presence("CustomPresence:sales-1002").isPresent());
            assertThat(asterisk.presence("CustomPresence:sales-1002").orElseThrow().state()).isEqualTo("dnd");
            assertThat(client.staysSilent(700)).isTrue();
            assertNextAmiEventIsTheOnlyOne(client);
        }
    }

    @Test
    void reconnectWithChangesOnBothSidesEndsInTheRightStateEverywhere() throws Exception {
        startHub();
        try (LineClient client = hub.client()) {
            asterisk.stop();
            await().atMost(CEILING).until(() -> !hub.asteriskConnected());
            assertThat(hub.health()).startsWith("503").contains("DOWN");
            client.set("set_extension_status@#HQ@#Sales@#1003@#Lunch");
            await().atMost(CEILING).until(() -> hub.healthInFull().contains("writes owed: 1"));
            asterisk.setPresence(P1004, "dnd", "", "set while the hub was away");

            asterisk.start();
            await().atMost(CEILING).until(() -> hub.asteriskConnected());
            await().atMost(CEILING).until(() -> asterisk.presence(P1003)
                    .map(p -> p.state().equals("away") && p.subtype().equals("Lunch")).orElse(false));
            assertThat(client.readLines(2)).containsExactly(
                    "ExtensionStatusUpdatedEvent@#HQ@#Sales@#1004@#Do Not Disturb",
                    "ExtensionNoteUpdatedEvent@#HQ@#Sales@#1004@#set while the hub was away");
            assertThat(client.ask("get_extension_status@#HQ@#Sales@#1003")).isEqualTo("ExtensionStatus@#Lunch");
            await().atMost(CEILING).until(() -> hub.asteriskWriterIdle());
            assertThat(asterisk.setvarCount(P1004)).isZero();
            assertThat(hub.healthInFull()).contains("AMI connected; writes owed: 0");
        }
    }

    @Test
    void aHalfOpenLinkIsDetectedAndResynchronised() {
        startHub();
        try (LineClient client = hub.client()) {
            asterisk.setMuted(true); // the TCP connection stays open, nothing arrives
            await().atMost(CEILING).until(() -> !hub.asteriskConnected());
            asterisk.setMuted(false);
            asterisk.setPresence(P1004, "dnd", "", "while the link was dead");
            await().atMost(CEILING).until(() -> hub.asteriskConnected());
            assertThat(client.readLines(2)).containsExactly(
                    "ExtensionStatusUpdatedEvent@#HQ@#Sales@#1004@#Do Not Disturb",
                    "ExtensionNoteUpdatedEvent@#HQ@#Sales@#1004@#while the link was dead");
        }
    }

    @Test
    void latestGivesTheSameAnswerAfterAHubRestart() {
        startHub("hub.asterisk.incoming-method", "latest");
        try (LineClient client = hub.client()) {
            asterisk.setPresence("CustomPresence:sales-1002", "dnd", "", "older");
            client.readLines(2);
            asterisk.setPresence("CustomPresence:1001", "away", "", "newest");
            assertThat(client.readLines(4)).contains("ExtensionStatusUpdatedEvent@#HQ@#Sales@#1001@#Lunch");
        }
        hub.stop();
        startHub("hub.asterisk.incoming-method", "latest");
        try (LineClient client = hub.client()) {
            assertThat(client.ask("get_extension_status@#HQ@#Sales@#1002")).isEqualTo("ExtensionStatus@#Lunch");
            assertThat(client.ask("get_extension_note@#HQ@#Sales@#1002")).isEqualTo("ExtensionNote@#newest");
            assertThat(client.staysSilent(500)).isTrue();
            // the snapshot of this start is handled before any later report: nothing it caused may come first
            assertNextAmiEventIsTheOnlyOne(client);
        }
        await().atMost(CEILING).until(() -> hub.asteriskWriterIdle());
        assertThat(asterisk.setvarCount("CustomPresence:1001")).isZero();
    }

    @Test
    void wrongSecretKeepsTheStatusInterfaceUpAndHealthSaysWhy() {
        asterisk.setAuthFailureDelay(Duration.ofMillis(100));
        try (LogCapture log = LogCapture.start()) {
            hub = TestHub.in(folder).withAsterisk(asterisk)
                    .with("hub.asterisk.secret", "wrong-Secret-42").start();
            try (LineClient client = hub.client()) {
                assertThat(client.ask("get_extension_status@#HQ@#Sales@#1003"))
                        .isEqualTo("ExtensionStatus@#Available");
            }
            await().atMost(CEILING).until(() -> hub.health().contains("Authentication failed"));
            assertThat(hub.health()).startsWith("503").doesNotContain("wrong-Secret-42");
            // refused logins are retried, slowly: auth-retry is 700 ms, so two more attempts take at least that long
            // (a count of attempts at some moment would depend on how fast this machine got here)
            int attempts = asterisk.loginAttempts();
            long since = System.nanoTime();
            await().atMost(CEILING).until(() -> asterisk.loginAttempts() >= attempts + 2);
            assertThat(Duration.ofNanos(System.nanoTime() - since)).isGreaterThanOrEqualTo(Duration.ofMillis(700));

            assertThat(log.atLeast(org.apache.logging.log4j.Level.WARN)).as("refused logins are reported once")
                    .filteredOn(l -> l.message().contains("Authentication failed")).hasSize(1);
            assertThat(log.atLeast(org.apache.logging.log4j.Level.WARN)).as("nothing else warns per attempt")
                    .hasSize(1);
            assertThat(log.all()).noneMatch(LogCapture.Line::hasThrowable);
            assertThat(log.all()).noneMatch(l -> l.message().contains("wrong-Secret-42"));
        }
    }

    @Test
    void unreachableAsteriskAtStartDoesNotStopTheHub() {
        asterisk.stop();
        hub = TestHub.in(folder).withAsterisk(asterisk).start();
        try (LineClient client = hub.client()) {
            assertThat(client.ask("get_extension_status@#HQ@#Sales@#1003")).isEqualTo("ExtensionStatus@#Available");
        }
        assertThat(hub.health()).startsWith("503").contains("asterisk");
    }

    /**
     * A phone change on 1004 (no user's extension) after everything so far: its event must be the client's next
     * line. The fake sends AMI events in one order and the hub handles them in that order, so an event that an
     * earlier report (an echo, a snapshot) wrongly caused would come first. Exact, where staying silent for a
     * while is only as good as the machine is fast.
     */
    private void assertNextAmiEventIsTheOnlyOne(LineClient client) {
        asterisk.setPresence(P1004, "dnd", "", "");
        assertThat(client.readLine()).isEqualTo("ExtensionStatusUpdatedEvent@#HQ@#Sales@#1004@#Do Not Disturb");
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
