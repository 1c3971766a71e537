package io.presencehub.asterisk;

import static io.presencehub.testing.TestDirectories.ALICE;
import static io.presencehub.testing.TestDirectories.BOB;
import static io.presencehub.testing.TestDirectories.BOBS_PHONE;
import static org.assertj.core.api.Assertions.assertThat;

import io.presencehub.calls.CallStates;
import io.presencehub.calls.DeviceState;
import io.presencehub.calls.TeamsCall;
import io.presencehub.testing.LineClient;
import io.presencehub.testing.LogCapture;
import io.presencehub.testing.TestDirectories;
import io.presencehub.testing.TestHub;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.logging.log4j.Level;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Call state between the hub and FakeAsterisk: phones' device states make users "on the phone" (and nothing else),
 * the DeviceStateList after a reconnect ends calls that ended meanwhile, and the hub's own Custom devices follow the
 * Teams call reported to {@link CallStates} (driven here directly; the Teams side is tested on its own).
 * In {@link TestDirectories#SMALL} bob has extension 1003: phone {@code PJSIP/1003}, Teams device
 * {@code Custom:teams-1003}.
 */
class AsteriskCallStateEndToEndTest extends BaseAsteriskHubTest {

    private static final Duration ONE_SECOND = Duration.ofSeconds(1);
    private static final String BOBS_DESK = "PJSIP/1003";
    private static final String BOBS_TEAMS = "Custom:teams-1003";

    private void startHub(String directory) {
        hub = TestHub.in(folder).directory(directory).withAsterisk(asterisk).start();
        TestHub.await().until(() -> hub.asteriskConnected() && deviceWriter().listedAt().isPresent());
    }

    private CallStates calls() {
        return hub.bean(CallStates.class);
    }

    private AsteriskDeviceWriter deviceWriter() {
        return hub.bean(AsteriskDeviceWriter.class);
    }

    private void awaitDevice(String device, String state) {
        TestHub.await().until(() -> asterisk.deviceState(device), Optional.of(state)::equals);
    }

    @Test
    void aPhoneInUseIsACallWithinOneSecondAndNothingElse() {
        startHub(TestDirectories.SMALL);
        try (LineClient client = hub.client()) {
            asterisk.setDeviceState(BOBS_DESK, "INUSE");
            TestHub.await().atMost(ONE_SECOND).until(() -> calls().onThePhone(BOB));
            assertThat(calls().onThePhone(ALICE)).isFalse();
            assertThat(client.staysSilent(300)).as("status clients hear nothing of calls").isTrue();

            asterisk.setDeviceState(BOBS_DESK, "NOT_INUSE");
            TestHub.await().atMost(ONE_SECOND).until(() -> !calls().onThePhone(BOB));
            assertThat(client.staysSilent(100)).isTrue();
        }
        TestHub.await().until(hub::asteriskWriterIdle);
        assertThat(asterisk.setvarCount(BOBS_PHONE)).as("no PRESENCE_STATE written for a call").isZero();
        assertThat(asterisk.deviceSetvarCount(BOBS_TEAMS)).as("a phone call is no Teams call").isZero();
    }

    @Test
    void aCallThatEndsWhileTheLinkIsDownEndsWithTheListAfterTheReconnect() throws Exception {
        startHub(TestDirectories.SMALL);
        asterisk.setDeviceState(BOBS_DESK, "INUSE");
        TestHub.await().until(() -> calls().onThePhone(BOB));

        asterisk.stop();
        TestHub.await().until(() -> !hub.asteriskConnected());
        asterisk.seedDeviceState(BOBS_DESK, "NOT_INUSE"); // hung up meanwhile: no event reaches the hub
        assertThat(calls().onThePhone(BOB)).isTrue();
        asterisk.start();

        TestHub.await().until(() -> !calls().onThePhone(BOB));
        assertThat(calls().deviceState(BOBS_DESK)).isEqualTo(DeviceState.NOT_INUSE);
    }

    @Test
    void theHubsTeamsDeviceFollowsTheTeamsCall() {
        startHub(TestDirectories.SMALL);
        calls().teamsCall(BOB, TeamsCall.IN_CALL);
        awaitDevice(BOBS_TEAMS, "INUSE");
        assertThat(calls().onThePhone(BOB)).as("the hub's own device is never a phone").isFalse();

        calls().teamsCall(BOB, TeamsCall.NONE);
        awaitDevice(BOBS_TEAMS, "NOT_INUSE");
        calls().teamsCall(BOB, TeamsCall.IN_CALL);
        awaitDevice(BOBS_TEAMS, "INUSE");
        hub.awaitFreshRun("asterisk-device-writer");
        TestHub.await().until(() -> deviceWriter().pendingCount() == 0);
        assertThat(asterisk.deviceSetvarCount(BOBS_TEAMS)).as("one Setvar per change").isEqualTo(3);
        assertThat(calls().onThePhone(BOB)).isFalse();
        // UNKNOWN writes nothing while Teams is on (AsteriskDeviceWriterTest); Teams is off here: nothing will be read
        calls().teamsCall(BOB, TeamsCall.UNKNOWN);
        awaitDevice(BOBS_TEAMS, "NOT_INUSE");
    }

    @Test
    void aTeamsCallReportedWhileAmiIsDownIsWrittenAfterTheReconnect() throws Exception {
        startHub(TestDirectories.SMALL);
        asterisk.stop();
        TestHub.await().until(() -> !hub.asteriskConnected());
        calls().teamsCall(BOB, TeamsCall.IN_CALL);
        TestHub.await().until(() -> deviceWriter().pendingCount() == 1);
        asterisk.start();
        awaitDevice(BOBS_TEAMS, "INUSE");
        TestHub.await().until(() -> deviceWriter().pendingCount() == 0);
        assertThat(hub.healthInFull()).contains("device writes owed: 0").contains("device states: listed at");
    }

    @Test
    void withTeamsSwitchedOffADeviceLeftInUseIsReleasedAtLogin() {
        asterisk.seedDeviceState(BOBS_TEAMS, "INUSE"); // astdb, from a run that ended without releasing it
        startHub(TestDirectories.SMALL);
        awaitDevice(BOBS_TEAMS, "NOT_INUSE");
        assertThat(asterisk.deviceSetvarCount("Custom:teams-1004")).as("a device Asterisk does not hold is left alone")
                .isZero();
    }

    @Test
    void aCleanStopReleasesTheDevicesTheHubHoldsInUse() {
        startHub(TestDirectories.SMALL);
        calls().teamsCall(BOB, TeamsCall.IN_CALL);
        awaitDevice(BOBS_TEAMS, "INUSE");
        hub.close();
        hub = null;
        assertThat(asterisk.deviceState(BOBS_TEAMS)).contains("NOT_INUSE");
    }

    @Test
    void aReloadMovesTheDevicesAndReleasesTheOldTeamsDevice() {
        startHub(TestDirectories.SMALL);
        calls().teamsCall(BOB, TeamsCall.IN_CALL);
        awaitDevice(BOBS_TEAMS, "INUSE");

        hub.writeDirectory(TestDirectories.smallWith("- {number: \"1003\"}",
                "- {number: \"1003\", devices: [\"PJSIP/bob-desk\"], teamsDevice: \"Custom:teams-bob\"}"));
        awaitDevice("Custom:teams-bob", "INUSE");
        awaitDevice(BOBS_TEAMS, "NOT_INUSE");

        asterisk.setDeviceState(BOBS_DESK, "INUSE");
        asterisk.setDeviceState("PJSIP/bob-desk", "ONHOLD");
        TestHub.await().until(() -> calls().onThePhone(BOB));
        asterisk.setDeviceState("PJSIP/bob-desk", "NOT_INUSE");
        TestHub.await().until(() -> !calls().onThePhone(BOB));
    }

    @Test
    void aRefusedDeviceIsLoggedOnceAndNotRetriedUntilTheWantedStateChanges() throws Exception {
        // Asterisk sets only Custom: devices; this one it refuses with "Variable not set"
        startHub(TestDirectories.smallWith("- {number: \"1003\"}", "- {number: \"1003\", teamsDevice: \"Bogus:bob\"}"));
        try (LogCapture log = LogCapture.start()) {
            calls().teamsCall(BOB, TeamsCall.IN_CALL);
            TestHub.await().until(() -> asterisk.deviceSetvarCount("Bogus:bob") == 1 && deviceWriter().pendingCount() == 0);
            asterisk.stop();
            TestHub.await().until(() -> !hub.asteriskConnected());
            asterisk.start();
            TestHub.await().until(() -> hub.asteriskConnected());
            hub.awaitFreshRun("asterisk-device-writer");
            assertThat(asterisk.deviceSetvarCount("Bogus:bob")).as("not retried after the reconnect").isEqualTo(1);
            assertThat(log.atLeast(Level.ERROR)).filteredOn(line -> line.logger().endsWith("AsteriskDeviceWriter"))
                    .singleElement().satisfies(line ->
                    assertThat(line.message()).contains("Bogus:bob", "INUSE", "Variable not set"));
        }
        calls().teamsCall(BOB, TeamsCall.NONE);
        calls().teamsCall(BOB, TeamsCall.IN_CALL);
        TestHub.await().until(() -> asterisk.deviceSetvarCount("Bogus:bob") == 2);
    }

    @Test
    void aBurstOfDeviceChangesIsCoalescedNeverStallsTheReaderAndEndsAtTheLastValues() {
        startHub(TestDirectories.SMALL);
        int logins = asterisk.loginAttempts();
        NotifyBuilder thousandHandOvers = new NotifyBuilder(hub.context()).fromRoute("asterisk-devices-in").whenDone(1_000).create();
        String[] states = {"INUSE", "RINGING", "ONHOLD", "NOT_INUSE", "BUSY"};
        for (int i = 0; i < 2_000; i++) {
            asterisk.setDeviceState("PJSIP/burst-" + i % 10, states[i / 10 % states.length]);
        }
        // the last round (i = 1990..1999) set every device to states[199 % 5]
        DeviceState last = DeviceState.valueOf(states[199 % states.length]);
        TestHub.await().until(() -> java.util.stream.IntStream.range(0, 10)
                .allMatch(d -> calls().deviceState("PJSIP/burst-" + d) == last));
        assertThat(thousandHandOvers.matches()).as("2,000 changes reach the call states in far fewer hand-overs").isFalse();
        assertThat(asterisk.loginAttempts()).as("the link never dropped").isEqualTo(logins);
        assertThat(hub.asteriskConnected()).isTrue();
    }
}
