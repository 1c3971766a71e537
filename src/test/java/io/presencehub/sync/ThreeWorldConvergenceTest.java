package io.presencehub.sync;

import static io.presencehub.testing.TestDirectories.ALICE;
import static io.presencehub.testing.TestDirectories.ALICE_PHONE;
import static io.presencehub.testing.TestDirectories.ALICE_TEAMS_ID;
import static io.presencehub.testing.TestDirectories.BOB;
import static io.presencehub.testing.TestDirectories.BOBS_PHONE;
import static io.presencehub.testing.TestHub.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.presencehub.asterisk.AsteriskPresence;
import io.presencehub.model.Origin;
import io.presencehub.model.StatusType;
import io.presencehub.model.UserState;
import io.presencehub.teams.SessionPair;
import io.presencehub.teams.TeamsSessionMapper;
import io.presencehub.testing.LineClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * No sequence of changes makes two worlds flip each other: a seeded random sequence of changes on the phone (fake
 * Asterisk), in Teams (the user's client and the state the user picks) and on the status interface, each followed by
 * letting the hub settle (about one in three instead followed at once by the next change, so that worlds race), ends
 * with all three worlds agreeing, with at most one hub change and one Setvar per step and two Graph writes per step
 * (session and status message), and with nothing moving any more.
 */
class ThreeWorldConvergenceTest extends BaseThreeWorldTest {

    private static final int STEPS = 24;
    /** state, subtype, message: what a phone may set (subtype names a tenant status, or none). */
    private static final String[][] PHONE_CHANGES = {{"available", "", ""}, {"available", "Available", ""},
        {"away", "", ""}, {"away", "Away", "back at 3"}, {"dnd", "", ""}, {"dnd", "Do Not Disturb", "in a call"}};
    private static final String[] HUB_STATUSES = {"Available", "Lunch", "Away", "Do Not Disturb"};
    private static final String[] NOTES = {"back at 3", "in the lab"};
    private static final String[][] CLIENT_PAIRS = {{"Available", "Available"}, {"Busy", "InAMeeting"},
        {"Busy", "InACall"}, {"Away", "Away"}, {"BeRightBack", "BeRightBack"}, {"DoNotDisturb", "Presenting"},
        {"Offline", "Offline"}};
    private static final String[][] PREFERRED_PAIRS = {{"Available", "Available"}, {"Busy", "Busy"},
        {"DoNotDisturb", "DoNotDisturb"}, {"Away", "Away"}, {"BeRightBack", "BeRightBack"}};

    private boolean bobsPhoneDnd;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 12, 13})
    void randomChangesOnPhoneTeamsAndStatusInterfaceConvergeWithBoundedWritesAndStayStill(long seed) {
        Random random = new Random(seed);
        List<String> steps = new ArrayList<>();
        try (LineClient client = hub.client()) {
            long versionBefore = hub.state(ALICE).version();
            for (int step = 0; step < STEPS; step++) {
                steps.add(change(client, random));
                if (random.nextInt(3) == 0 && step + 1 < STEPS) {
                    steps.add("at once:");
                    continue; // sometimes the next change comes before the hub has settled: worlds racing
                }
                settle();
            }
            String trace = "seed " + seed + ": " + steps;

            UserState settled = hub.state(ALICE);
            int setvars = setvars();
            int writes = graph.writeCalls().size();
            long changes = settled.version() - versionBefore;
            assertThat(changes).as("hub changes; " + trace).isLessThanOrEqualTo(STEPS);
            assertThat(setvars).as("Setvars; " + trace).isLessThanOrEqualTo(STEPS);
            assertThat(writes).as("Graph writes; " + trace).isLessThanOrEqualTo(2 * STEPS);

            // still: several poll cycles and AMI pings later nothing has moved (and nothing is on its way)
            hub.awaitTeamsPolls(5);
            awaitAsteriskReports();
            await().until(this::writersIdle);
            assertThat(hub.state(ALICE).version()).as("hub changes after the last step; " + trace)
                    .isEqualTo(settled.version());
            assertThat(setvars()).as("Setvars after the last step; " + trace).isEqualTo(setvars);
            assertThat(graph.writeCalls()).as("Graph writes after the last step; " + trace).hasSize(writes);

            // the three worlds agree
            AsteriskPresence phone = asterisk.presence(ALICE_PHONE).orElseThrow();
            assertThat(phone.state()).as("phone; " + trace).isEqualTo(settled.statusType().code());
            assertThat(phone.message()).as("phone note; " + trace).isEqualTo(settled.note());
            Optional<String> session = graph.appSession(ALICE_TEAMS_ID).map(s -> s.pair());
            Optional<String> wanted = settled.statusOrigin() == Origin.TEAMS ? Optional.empty()
                    : TeamsSessionMapper.defaults().map(settled.statusType()).map(SessionPair::text);
            assertThat(session).as("Teams session for " + settled + "; " + trace).isEqualTo(wanted);
            assertThat(graph.presenceOf(ALICE_TEAMS_ID).statusMessage()).as("Teams note; " + trace)
                    .isEqualTo(settled.note());
            try (LineClient checker = hub.client()) {
                // a new client may still get the event of bob's last marker change before the reply
                checker.send("get_extension_status@#HQ@#Sales@#1001");
                String reply;
                do {
                    reply = checker.readLine();
                } while (reply.startsWith("ExtensionStatusUpdatedEvent@#HQ@#Sales@#1003@#"));
                String name = statusName(reply);
                assertThat(name).as("status report; " + trace).isEqualTo(expectedName(settled));
            }
        }
    }

    /** Makes one random change in one world; returns what it did, for the failure message. */
    private String change(LineClient client, Random random) {
        switch (random.nextInt(4)) {
            case 0 -> {
                String[] c = PHONE_CHANGES[random.nextInt(PHONE_CHANGES.length)];
                asterisk.setPresence(ALICE_PHONE, c[0], c[1], c[2]);
                return "phone " + String.join("/", c);
            }
            case 1 -> {
                String command = random.nextInt(4) == 0
                        ? "set_extension_note@#HQ@#Sales@#1001@#" + NOTES[random.nextInt(NOTES.length)]
                        : "set_extension_status@#HQ@#Sales@#100" + (1 + random.nextInt(2)) + "@#"
                                + HUB_STATUSES[random.nextInt(HUB_STATUSES.length)];
                client.set(command);
                return "tcp " + command.substring(command.indexOf("@#100") + 2);
            }
            case 2 -> {
                String[] pair = CLIENT_PAIRS[random.nextInt(CLIENT_PAIRS.length)];
                graph.setClientSession(ALICE_TEAMS_ID, pair[0], pair[1]);
                return "client " + pair[0] + "/" + pair[1];
            }
            default -> {
                if (random.nextBoolean()) {
                    graph.clearPreferredPresence(ALICE_TEAMS_ID);
                    return "preferred cleared";
                }
                String[] pair = PREFERRED_PAIRS[random.nextInt(PREFERRED_PAIRS.length)];
                graph.setPreferredPresence(ALICE_TEAMS_ID, pair[0], pair[1]);
                return "preferred " + pair[0] + "/" + pair[1];
            }
        }
    }

    /**
     * Two polls (so one reached Graph after the change and its answer was handled), every AMI report so far handled
     * (a phone change has no such timer), then both writers idle: nothing owed to the phone or to Teams.
     */
    private void settle() {
        hub.awaitTeamsPolls(2);
        await().until(this::writersIdle);
        awaitAsteriskReports(); // including the echoes of what the writers just wrote
        await().until(this::writersIdle);
    }

    /**
     * Waits until the hub has handled every AMI report sent so far: a change of bob's phone (no e-mail, so written
     * nowhere) sent after them has reached bob's state (reports are handled one at a time, in Asterisk's order).
     */
    private void awaitAsteriskReports() {
        bobsPhoneDnd = !bobsPhoneDnd;
        asterisk.setPresence(BOBS_PHONE, bobsPhoneDnd ? "dnd" : "away", "", "");
        StatusType expected = bobsPhoneDnd ? StatusType.DND : StatusType.AWAY;
        await().until(() -> hub.state(BOB).statusType() == expected);
    }

    private static String statusName(String reply) {
        return reply.substring(reply.indexOf("@#") + 2);
    }

    private static String expectedName(UserState state) {
        return switch (state.statusId()) {
            case "sales-dnd" -> "Do Not Disturb";
            default -> state.statusId();
        };
    }
}
