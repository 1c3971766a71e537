package io.presencehub.asterisk;

import static io.presencehub.asterisk.SyncHarness.A1;
import static io.presencehub.asterisk.SyncHarness.A2;
import static io.presencehub.asterisk.SyncHarness.ALICE;
import static io.presencehub.asterisk.SyncHarness.B;
import static io.presencehub.asterisk.SyncHarness.EXT_1003;
import static org.assertj.core.api.Assertions.assertThat;

import io.presencehub.model.Origin;
import io.presencehub.model.StateChange;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The Status Sync rules end to end without Camel: every incoming × outgoing method, echoes, reconnects, restarts. */
class AsteriskSyncRulesTest {

    /**
     * incoming, outgoing, status after the other extension reports away/Lunch, presentities written
     * for a hub change, status after the other extension then reports chat.
     */
    static Stream<Arguments> everyCombination() {
        return Stream.of(
                Arguments.of("default-extension", "default-extension", "Do Not Disturb", List.of(A1), "Vacation"),
                Arguments.of("default-extension", "all", "Do Not Disturb", List.of(A1, A2), "Vacation"),
                Arguments.of("latest", "default-extension", "Lunch", List.of(A1), "Chatty"),
                Arguments.of("latest", "all", "Lunch", List.of(A1, A2), "Chatty"),
                Arguments.of("priority", "default-extension", "Do Not Disturb", List.of(A1), "Vacation"),
                Arguments.of("priority", "all", "Do Not Disturb", List.of(A1, A2), "Vacation"));
    }

    @ParameterizedTest(name = "incoming {0}, outgoing {1}")
    @MethodSource("everyCombination")
    void everyIncomingAndOutgoingMethodCombination(String incoming, String outgoing, String afterOtherExtension,
                                                   List<String> written, String afterChat) {
        SyncHarness sync = new SyncHarness(SyncHarness.settings(incoming, outgoing)).connect();

        sync.phone(A1, "dnd", "", "In a meeting");
        assertThat(sync.hubStatus(ALICE)).isEqualTo("Do Not Disturb");
        assertThat(sync.hub(ALICE).note()).isEqualTo("In a meeting");
        assertThat(sync.hub(ALICE).origin()).isEqualTo(Origin.ASTERISK);

        sync.phone(A2, "away", "Lunch", "back at 1");
        assertThat(sync.hubStatus(ALICE)).isEqualTo(afterOtherExtension);
        assertThat(sync.sent).as("a change from Asterisk is never written back").isEmpty();

        int changesBefore = sync.changes.size();
        sync.hubSets(ALICE, "Vacation", "Out, \"back\" Monday");
        assertThat(sync.sentPresentities()).containsExactlyElementsOf(written);
        assertThat(sync.sent).allMatch(w -> w.state().equals("xa") && w.subtype().equals("Vacation")
                && w.message().equals("Out, \"back\" Monday"));
        assertThat(sync.changes).as("the echoes cause no second change").hasSize(changesBefore + 1);
        assertThat(sync.hubStatus(ALICE)).isEqualTo("Vacation");

        sync.phone(A2, "chat", "", "");
        assertThat(sync.hubStatus(ALICE)).isEqualTo(afterChat);
        assertThat(sync.sent).hasSize(written.size());
    }

    static Stream<Arguments> priorityWithBothOutgoingMethods() {
        return Stream.of(Arguments.of("all"), Arguments.of("default-extension"));
    }

    @ParameterizedTest(name = "outgoing {0}")
    @MethodSource("priorityWithBothOutgoingMethods")
    void echoOfTheDefaultExtensionIsNotOverruledByTheOtherExtensionUnderPriority(String outgoing) {
        SyncHarness sync = new SyncHarness(SyncHarness.settings("priority", outgoing)).connect();
        sync.phone(A1, "dnd", "", "").phone(A2, "dnd", "", "");
        assertThat(sync.hubStatus(ALICE)).isEqualTo("Do Not Disturb");

        sync.holdEchoes = true;
        sync.hubSets(ALICE, "Available", "");
        // the default extension's echo arrives while the other extension still shows dnd (ranked higher)
        sync.releaseEcho();
        assertThat(sync.hubStatus(ALICE)).isEqualTo("Available");
        if (outgoing.equals("all")) {
            sync.releaseEcho();
        }
        assertThat(sync.hubStatus(ALICE)).isEqualTo("Available");
        assertThat(sync.changes.stream().filter(c -> c.origin() == Origin.ASTERISK)).hasSize(1);
    }

    @Test
    void aPhoneChangeOlderThanTheHubsUnansweredWriteDoesNotDecide() {
        SyncHarness sync = new SyncHarness(SyncHarness.settings("default-extension", "default-extension")).connect();
        sync.holdEchoes = true;
        sync.hubSets(ALICE, "Lunch", "");
        // Asterisk reports a phone change that it applied before the hub's write, then the echo
        sync.inbox.offer(new AsteriskPresence(A1, "dnd", "", "older"));
        sync.releaseEcho();
        assertThat(sync.hubStatus(ALICE)).isEqualTo("Lunch");
        // a phone change after the echo decides again
        sync.holdEchoes = false;
        sync.phone(A1, "dnd", "", "newer");
        assertThat(sync.hubStatus(ALICE)).isEqualTo("Do Not Disturb");
    }

    @Test
    void aPhoneChangeJustAfterTheEchoDecidesEvenBeforeTheWriterHasFinishedTheWrite() {
        SyncHarness sync = new SyncHarness(SyncHarness.settings("default-extension", "default-extension")).connect();
        // Asterisk applies and reports the hub's Setvar, then the phone changes; the inbox thread handles both
        // reports before the writer thread, woken by the Setvar's response, has finished with the write
        sync.whileWriting = () -> {
            sync.whileWriting = () -> { };
            sync.asterisk.put(A1, new AsteriskPresence(A1, "available", "", ""));
            sync.inbox.offer(sync.asterisk.get(A1));
            sync.drain();
        };
        sync.hubSets(ALICE, "Lunch", "in the lab");
        assertThat(sync.asterisk.get(A1).state()).isEqualTo("available");
        assertThat(sync.hubStatus(ALICE)).as("the phone's change is newer than the hub's write").isEqualTo("Available");
        assertThat(sync.sent).hasSize(1);
    }

    @Test
    void aPhoneSettingTheHubsLastValueAgainAfterAnotherChangeStillDecides() {
        SyncHarness sync = new SyncHarness(SyncHarness.settings("default-extension", "default-extension")).connect();
        sync.hubSets(ALICE, "Lunch", "note");
        AsteriskPresence hubValue = sync.asterisk.get(A1);
        sync.phone(A1, "dnd", "", "");
        sync.phone(A1, hubValue.state(), hubValue.subtype(), hubValue.message());
        assertThat(sync.hubStatus(ALICE)).isEqualTo("Lunch");
        assertThat(sync.hub(ALICE).origin()).isEqualTo(Origin.ASTERISK);
    }

    @Test
    void burstsForOnePresentityAreCoalescedAndEndInTheLastValue() {
        SyncHarness sync = new SyncHarness(SyncHarness.settings("default-extension", "default-extension")).connect();
        for (int i = 1; i <= 500; i++) {
            sync.inbox.offer(new AsteriskPresence(A1, i % 2 == 0 ? "away" : "dnd", "", "flood " + i));
        }
        sync.settle();
        assertThat(sync.delivered).isEqualTo(1);
        assertThat(sync.hubStatus(ALICE)).isEqualTo("Lunch");
        assertThat(sync.hub(ALICE).note()).isEqualTo("flood 500");
    }

    @Test
    void reconnectWithChangesOnBothSides() {
        SyncHarness sync = new SyncHarness(SyncHarness.settings("default-extension", "all")).connect();
        sync.disconnect();
        sync.hubSets(ALICE, "Lunch", "back at 2");
        assertThat(sync.sent).isEmpty();
        assertThat(sync.writer.pendingCount()).isEqualTo(2);
        assertThat(sync.store.loadObservations(AsteriskObservation.KIND_PENDING)).containsKeys(A1, A2);
        sync.phone(B, "dnd", "Do Not Disturb", "from the phone");
        sync.phone(A1, "xa", "", "phone while the hub was changed too");

        sync.connect();

        assertThat(sync.hubStatus(EXT_1003)).as("Asterisk's list is the truth for others").isEqualTo("Do Not Disturb");
        assertThat(sync.hub(EXT_1003).note()).isEqualTo("from the phone");
        assertThat(sync.hubStatus(ALICE)).as("the hub's change made while down wins").isEqualTo("Lunch");
        assertThat(sync.asterisk.get(A1)).isEqualTo(new AsteriskPresence(A1, "away", "Lunch", "back at 2"));
        assertThat(sync.asterisk.get(A2)).isEqualTo(new AsteriskPresence(A2, "away", "Lunch", "back at 2"));
        assertThat(sync.sentPresentities()).containsExactlyInAnyOrder(A1, A2);
        assertThat(sync.store.loadObservations(AsteriskObservation.KIND_PENDING).values())
                .allMatch(o -> o.value().isEmpty());
    }

    @Test
    void writesKeptWhileDownSurviveARestart() {
        SyncHarness first = new SyncHarness(SyncHarness.settings("default-extension", "default-extension")).connect();
        first.disconnect();
        first.hubSets(ALICE, "Away", "gone");

        SyncHarness second = new SyncHarness(first.settings, first.store, first.asterisk);
        second.connect();
        assertThat(second.asterisk.get(A1)).isEqualTo(new AsteriskPresence(A1, "away", "Away", "gone"));
        assertThat(second.hubStatus(ALICE)).isEqualTo("Away");
    }

    @Test
    void latestGivesTheSameAnswerAfterARestart() {
        SyncHarness first = new SyncHarness(SyncHarness.settings("latest", "default-extension")).connect();
        first.phone(A2, "dnd", "", "set first on 1002");
        first.phone(A1, "away", "", "set last on the default");
        first.phone(A2, "dnd", "", "set last on 1002");
        assertThat(first.hub(ALICE).note()).isEqualTo("set last on 1002");

        // the restarted hub sees the same list; only the stored observation times can tell which came last
        SyncHarness second = new SyncHarness(first.settings, first.store, first.asterisk);
        second.clock.advance(Duration.ofHours(1));
        second.connect();
        assertThat(second.changes).isEmpty();
        assertThat(second.incoming.observation(A2).orElseThrow().observedAt())
                .isEqualTo(first.incoming.observation(A2).orElseThrow().observedAt());
        AsteriskIncomingResolver resolver = new AsteriskIncomingResolver(second.settings);
        assertThat(resolver.resolve(ALICE, second.index, p -> second.incoming.observation(p).orElse(null))
                .orElseThrow().note()).isEqualTo("set last on 1002");
        assertThat(second.hubStatus(ALICE)).isEqualTo("Do Not Disturb");
    }

    @Test
    void firstStartTakesAsterisksListWithTheDefaultExtensionBreakingTies() {
        Map<String, AsteriskPresence> holds = Map.of(
                A1, new AsteriskPresence(A1, "away", "", "on 1001"),
                A2, new AsteriskPresence(A2, "dnd", "", "on 1002"),
                B, new AsteriskPresence(B, "xa", "Vacation", "until May"));
        SyncHarness sync = new SyncHarness(SyncHarness.settings("latest", "all"),
                new io.presencehub.testing.MemoryStateStore(), holds).connect();
        assertThat(sync.hubStatus(ALICE)).isEqualTo("Lunch");
        assertThat(sync.hubStatus(EXT_1003)).isEqualTo("Vacation");
        assertThat(sync.hub(EXT_1003).note()).isEqualTo("until May");
        assertThat(sync.sent).isEmpty();
    }

    @Test
    void resyncAfterAMissedEchoIsNotAChange() {
        SyncHarness sync = new SyncHarness(SyncHarness.settings("priority", "default-extension")).connect();
        sync.phone(A2, "dnd", "", "");
        sync.holdEchoes = true;
        sync.hubSets(ALICE, "Available", "");
        sync.heldEchoes.clear(); // the link dropped before the echo arrived
        sync.disconnect();
        SyncHarness restarted = new SyncHarness(sync.settings, sync.store, sync.asterisk);
        restarted.clock.advance(Duration.ofHours(1));
        restarted.connect();
        assertThat(restarted.hubStatus(ALICE)).as("the other extension's dnd does not overrule the hub's write")
                .isEqualTo("Available");
    }

    @Test
    void syncDisabledNeitherDecidesNorWrites() {
        SyncHarness sync = new SyncHarness(AsteriskTestSettings.with(Map.of("hub.asterisk.sync-enabled", "false"))).connect();
        sync.phone(A1, "dnd", "", "");
        sync.hubSets(ALICE, "Lunch", "");
        assertThat(sync.hubStatus(ALICE)).isEqualTo("Lunch");
        assertThat(sync.sent).isEmpty();
        assertThat(sync.changes).extracting(StateChange::origin).containsOnly(Origin.STATUS_INTERFACE);
    }
}
