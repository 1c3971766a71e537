package io.presencehub.teams;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencehub.model.NoteText;
import io.presencehub.model.Origin;
import io.presencehub.model.StatusType;
import io.presencehub.model.UserState;
import io.presencehub.teams.TeamsNoteResolver.Decision;
import io.presencehub.teams.TeamsNoteResolver.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The Teams status message → note rules: change, baseline, the hub's own write (held, in flight, the message it
 * replaced), an empty message with a note from Teams or from a client, control characters, expiry → return time.
 */
class TeamsNoteResolverTest {

    private static final Instant SENT = Instant.parse("2026-03-02T08:00:00Z");
    private static final Instant ANSWERED = SENT.plusSeconds(1);
    private static final Instant LATER = SENT.plusSeconds(10);
    private static final Instant EXPIRY = Instant.parse("2026-03-02T17:30:00Z");
    private static final long RETURN_FROM_CLIENT = Instant.parse("2026-03-02T14:00:00Z").getEpochSecond();

    private final TeamsNoteResolver resolver = new TeamsNoteResolver();

    private static GraphObservation showing(String message) {
        return new GraphObservation("Available", "Available", message, "1");
    }

    private static UserState state(String note, long returnTime) {
        return new UserState("available", StatusType.AVAILABLE, note, returnTime, Origin.STATUS_INTERFACE,
                SENT, 3);
    }

    /** A read sent and answered long after any write, by a hub that holds and sends no message. */
    private Decision read(String before, String message, Instant expiry, UserState current,
                          Optional<TeamsNote> taken) {
        return resolver.resolve(before == null ? null : showing(before), message, expiry, current, taken, null,
                List.of(), LATER, LATER);
    }

    @Test
    void aNewMessageBecomesTheNoteAndItsExpiryTheReturnTime() {
        Decision decision = read("", "In the lab", EXPIRY, state("", 0), Optional.empty());
        assertThat(decision.verdict()).isEqualTo(Verdict.CHANGE);
        assertThat(decision.note()).isEqualTo("In the lab");
        assertThat(decision.returnTime()).isEqualTo(EXPIRY.getEpochSecond());
        assertThat(decision.taken(EXPIRY)).isEqualTo(new TeamsNote("In the lab", EXPIRY.getEpochSecond()));
    }

    @Test
    void anExpiryMovedInTeamsOnTheSameMessageMovesTheReturnTimeWhileBothAreStillTeams() {
        long lunch = Instant.parse("2026-03-02T12:00:00Z").getEpochSecond();
        Optional<TeamsNote> taken = Optional.of(new TeamsNote("At lunch", lunch));

        Decision moved = read("At lunch", "At lunch", EXPIRY, state("At lunch", lunch), taken);
        assertThat(moved.verdict()).isEqualTo(Verdict.CHANGE);
        assertThat(moved.note()).isEqualTo("At lunch");
        assertThat(moved.returnTime()).isEqualTo(EXPIRY.getEpochSecond());

        Decision dropped = read("At lunch", "At lunch", null, state("At lunch", lunch), taken);
        assertThat(dropped.verdict()).isEqualTo(Verdict.CHANGE);
        assertThat(dropped.returnTime()).as("no expiry any more: no return time").isZero();

        assertThat(read("At lunch", "At lunch", EXPIRY, state("At lunch", RETURN_FROM_CLIENT), taken).verdict())
                .as("a client set the return time since: kept").isEqualTo(Verdict.UNCHANGED);
        assertThat(read("At lunch", "At lunch", Instant.ofEpochSecond(lunch), state("At lunch", lunch), taken)
                .verdict()).isEqualTo(Verdict.UNCHANGED);
        assertThat(TeamsNoteResolver.newExpiry(showing("At lunch"), null, "At lunch", EXPIRY)).isFalse();
    }

    @Test
    void theFirstReadIsABaselineNotAChange() {
        Decision decision = read(null, "In the lab", EXPIRY, state("", 0), Optional.empty());
        assertThat(decision.verdict()).isEqualTo(Verdict.BASELINE);
        assertThat(decision.note()).isNull();
    }

    @Test
    void theSameMessageAsTheReadBeforeChangesNothing() {
        assertThat(read("In the lab", "In the lab", null, state("Client note", 0), Optional.empty()).verdict())
                .isEqualTo(Verdict.UNCHANGED);
    }

    @Test
    void theMessageTheHubHoldsIsItsOwnWrite() {
        Decision decision = resolver.resolve(showing(""), "Back at 3", null, state("Back at 3", 0), Optional.empty(),
                new TeamsTarget.StatusMessage("Back at 3", null), List.of(), LATER, LATER);
        assertThat(decision.verdict()).isEqualTo(Verdict.OWN);
    }

    @Test
    void aWriteInFlightIsTheHubsOwnOnceItMayHaveReachedGraph() {
        List<TeamsMessageEcho> inFlight = List.of(new TeamsMessageEcho("B", "A", SENT, null));
        assertThat(resolver.resolve(showing("A"), "B", null, state("B", 0), Optional.empty(),
                new TeamsTarget.StatusMessage("A", null), inFlight, SENT.minusSeconds(1), ANSWERED).verdict())
                .isEqualTo(Verdict.OWN);
        // answered before the write was even sent, the read cannot show it: the user typed it
        assertThat(resolver.resolve(showing("A"), "B", null, state("C", 0), Optional.empty(),
                new TeamsTarget.StatusMessage("A", null), inFlight, SENT.minusSeconds(2), SENT.minusSeconds(1))
                .verdict()).isEqualTo(Verdict.CHANGE);
    }

    @Test
    void aReadStillShowingTheMessageTheHubReplacedIsNotAChangeBack() {
        // the hub wrote A, the note became B and its write of B was accepted; a read sent before that shows A
        List<TeamsMessageEcho> answered = List.of(new TeamsMessageEcho("B", "A", SENT, ANSWERED));
        Decision decision = resolver.resolve(showing(""), "A", null, state("B", 0), Optional.empty(),
                new TeamsTarget.StatusMessage("B", null), answered, SENT.minusMillis(500), ANSWERED.plusMillis(10));
        assertThat(decision.verdict()).isEqualTo(Verdict.OWN);
    }

    @Test
    void onceAReadSentAfterTheAnswerSettledTheWriteTheReplacedMessageIsTheUsersAgain() {
        List<TeamsMessageEcho> answered = List.of(new TeamsMessageEcho("B", "A", SENT, ANSWERED));
        Decision decision = resolver.resolve(showing("B"), "A", null, state("B", 0), Optional.empty(),
                new TeamsTarget.StatusMessage("B", null), answered, LATER, LATER);
        assertThat(decision.verdict()).isEqualTo(Verdict.CHANGE);
        assertThat(decision.note()).isEqualTo("A");
    }

    @Test
    void anEmptyMessageClearsANoteFromTeamsAndTheReturnTimeTakenWithIt() {
        long fromTeams = EXPIRY.getEpochSecond();
        Decision decision = read("Lunch", "", null, state("Lunch", fromTeams),
                Optional.of(new TeamsNote("Lunch", fromTeams)));
        assertThat(decision.verdict()).isEqualTo(Verdict.CHANGE);
        assertThat(decision.note()).isEmpty();
        assertThat(decision.returnTime()).isZero();
    }

    @Test
    void anEmptyMessageClearsANoteFromTeamsButKeepsAReturnTimeAClientSetSince() {
        Decision decision = read("Lunch", "", null, state("Lunch", RETURN_FROM_CLIENT),
                Optional.of(new TeamsNote("Lunch", EXPIRY.getEpochSecond())));
        assertThat(decision.verdict()).isEqualTo(Verdict.CHANGE);
        assertThat(decision.note()).isEmpty();
        assertThat(decision.returnTime()).isNull();
    }

    @Test
    void anEmptyMessageKeepsANoteAClientSetSinceTheTeamsOne() {
        assertThat(read("Lunch", "", null, state("At the desk", 0), Optional.of(new TeamsNote("Lunch", 0)))
                .verdict()).isEqualTo(Verdict.KEPT);
        assertThat(read("Lunch", "", null, state("At the desk", 0), Optional.empty()).verdict())
                .isEqualTo(Verdict.KEPT);
    }

    @Test
    void aMessageWithoutExpiryClearsAReturnTimeFromTeamsAndKeepsAClientsOne() {
        long fromTeams = EXPIRY.getEpochSecond();
        assertThat(read("Lunch", "Meeting", null, state("Lunch", fromTeams),
                Optional.of(new TeamsNote("Lunch", fromTeams))).returnTime()).isZero();
        Decision afterClient = read("Lunch", "Meeting", null, state("Client note", RETURN_FROM_CLIENT),
                Optional.of(new TeamsNote("Lunch", fromTeams)));
        assertThat(afterClient.verdict()).isEqualTo(Verdict.CHANGE);
        assertThat(afterClient.returnTime()).isNull();
        // a return time kept from a client was not taken from Teams: a later message without expiry keeps it too
        assertThat(afterClient.taken(null)).isEqualTo(new TeamsNote("Meeting", 0));
    }

    @Test
    void controlCharactersAreCleanedAndAMessageThatCleansToTheNoteChangesNothing() {
        Decision decision = read("", "\u001b[2J\u0007Back\r\nat 3 \u009b", null, state("", 0), Optional.empty());
        assertThat(decision.verdict()).isEqualTo(Verdict.CHANGE);
        assertThat(decision.note()).isEqualTo("[2JBack\nat 3");
        assertThat(NoteText.isClean(decision.note())).isTrue();

        assertThat(read("", "Back\u0007 at 3", null, state("Back at 3", 0), Optional.empty()).verdict())
                .isEqualTo(Verdict.SAME_NOTE);
    }

    @Test
    void aMessageLongerThanANoteIsCut() {
        Decision decision = read("", "x".repeat(NoteText.MAX_LENGTH + 50), null, state("", 0), Optional.empty());
        assertThat(decision.note()).hasSize(NoteText.MAX_LENGTH);
    }
}
