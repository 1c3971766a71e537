package io.presencehub.sync;

import static io.presencehub.testing.TestDirectories.ALICE;
import static io.presencehub.testing.TestDirectories.ALICE_PHONE;
import static io.presencehub.testing.TestDirectories.ALICE_TEAMS_ID;
import static io.presencehub.testing.TestHub.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.presencehub.decisions.Decision;
import io.presencehub.decisions.DecisionLog;
import io.presencehub.decisions.World;
import io.presencehub.testing.LineClient;
import io.presencehub.testing.TestDirectories;
import io.presencehub.testing.TestHub;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Real scenarios through the fake Asterisk, the fake Graph and a status client leave the decision the rules made,
 * with its reason in words, in the hub's {@code decisionLog}. alice (1001 default, 1002) is in all three worlds;
 * HQ/Sales has a status Holiday of type xa, which is not mapped to Asterisk here.
 */
class DecisionLogScenariosTest extends BaseThreeWorldTest {

    private static final String DIRECTORY = TestDirectories.smallWith(
            "- {name: Do Not Disturb, type: dnd, id: sales-dnd}",
            "- {name: Do Not Disturb, type: dnd, id: sales-dnd}\n          - {name: Holiday, type: xa}");

    @Override
    protected TestHub withMore(TestHub hub) {
        return hub.directory(DIRECTORY).with("hub.asterisk.outgoing-map.xa", "none");
    }

    @Test
    void aPhoneThatIsNotTheDefaultExtensionIsIgnored() {
        asterisk.setPresence("CustomPresence:sales-1002", "away", "Away", "");

        awaitDecision(World.ASTERISK, "phone 1002 ignored: not the default extension");
    }

    @Test
    void theEchoOfTheHubsOwnWriteIsNoChange() {
        try (LineClient client = hub.client()) {
            client.set("set_extension_status@#HQ@#Sales@#1001@#Away");

            awaitDecision(World.ASTERISK, "echo of the hub's own write to " + ALICE_PHONE);
            awaitDecision(World.TEAMS, "Teams to show Away/Away");
        }
    }

    @Test
    void aStatusOfAnUnmappedTypeIsNotWrittenToAsterisk() {
        try (LineClient client = hub.client()) {
            client.set("set_extension_status@#HQ@#Sales@#1001@#Holiday");

            awaitDecision(World.ASTERISK, "unmapped type xa: not written to Asterisk");
            await().until(hub::asteriskWriterIdle);
            assertThat(asterisk.setvarCount(ALICE_PHONE)).isZero();
        }
    }

    @Test
    void theSameStatusAgainIsNoChange() {
        try (LineClient client = hub.client()) {
            client.set("set_extension_status@#HQ@#Sales@#1001@#Away");
            client.set("set_extension_status@#HQ@#Sales@#1001@#Away");

            awaitDecision(World.STATUS_INTERFACE, "no change for alice: state already Away");
        }
    }

    @Test
    void aTeamsCallIsDecidedAndSetsTheCustomDevice() {
        graph.setClientSession(ALICE_TEAMS_ID, "Busy", "InACall");

        awaitDecision(World.CALLS, "Teams Busy/InACall: in a Teams call");
        awaitDecision(World.CALLS, "in a Teams call: [Custom:teams-1001, Custom:teams-1002] set to INUSE");
    }

    @Test
    void theHubsOwnCallSessionIsNoTeamsCall() {
        asterisk.setDeviceState("PJSIP/1001", "INUSE");
        await().until(() -> graph.appSession(ALICE_TEAMS_ID).map(s -> s.pair().equals("Busy/InACall")).orElse(false));

        awaitDecision(World.CALLS, "on the phone: Teams to show Busy/InACall");
        awaitDecision(World.CALLS, "Teams Busy/InACall is the hub's own call session: no Teams call");
        assertThat(decisions()).noneMatch(d -> d.reason().contains("in a Teams call"));
    }

    @Test
    void decisionsAboutOtherUsersAreFilteredOut() {
        asterisk.setPresence("CustomPresence:1003", "away", "Away", "");
        awaitDecision(TestDirectories.BOB, World.ASTERISK, "status Away from Asterisk");

        assertThat(decisions()).noneMatch(d -> TestDirectories.BOB.equals(d.user()));
    }

    private List<Decision> decisions() {
        return hub.bean(DecisionLog.class).decisions(Optional.of(ALICE), DecisionLog.CAPACITY);
    }

    private void awaitDecision(World world, String reason) {
        awaitDecision(ALICE, world, reason);
    }

    private void awaitDecision(io.presencehub.model.UserKey user, World world, String reason) {
        await().untilAsserted(() -> assertThat(hub.bean(DecisionLog.class).decisions(Optional.of(user), 500))
                .anySatisfy(d -> {
                    assertThat(d.world()).isEqualTo(world);
                    assertThat(d.reason()).startsWith(reason);
                }));
    }
}
