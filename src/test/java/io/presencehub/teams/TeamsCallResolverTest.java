package io.presencehub.teams;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencehub.calls.TeamsCall;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Teams-call decision for one read: activity × the hub's own sessions × {@code hub.teams.call-activities}. A call
 * activity counts unless a session of the hub's shows exactly that pair (no loop: the call session of a phone call,
 * or a DND user's Busy/InACall, is never a Teams call); it does not depend on the incoming mapping table.
 */
class TeamsCallResolverTest {

    private static final String DEFAULT = "InACall, InAConferenceCall, InAMeeting, Presenting";

    private static Set<SessionPair> sessions(String texts) {
        return texts.equals("-") ? Set.of() : Arrays.stream(texts.split("\\+"))
                .map(t -> SessionPair.fromText(t).orElseThrow()).collect(Collectors.toSet());
    }

    @ParameterizedTest(name = "{0}/{1}, own sessions {2}, activities [{3}] -> {4}")
    @CsvSource(delimiter = '|', value = {
            // nothing of the hub's: the activity decides
            "Busy         | InACall           | -                       | " + DEFAULT + " | IN_CALL",
            "Busy         | InAConferenceCall | -                       | " + DEFAULT + " | IN_CALL",
            "Busy         | InAMeeting        | -                       | " + DEFAULT + " | IN_CALL",
            "DoNotDisturb | Presenting        | -                       | " + DEFAULT + " | IN_CALL",
            "busy         | inameeting        | -                       | " + DEFAULT + " | IN_CALL",
            "Available    | Available         | -                       | " + DEFAULT + " | NONE",
            "Busy         | Busy              | -                       | " + DEFAULT + " | NONE",
            "DoNotDisturb | DoNotDisturb      | -                       | " + DEFAULT + " | NONE",
            "Away         | Away              | -                       | " + DEFAULT + " | NONE",
            "Offline      | Offline           | -                       | " + DEFAULT + " | NONE",
            "Busy         | InAMeeting        | -                       | InACall                    | NONE",
            "Busy         | Busy              | -                       | InACall, Busy              | IN_CALL",
            "Busy         | InAMeeting        | -                       | ''                         | NONE",
            // the hub's own session explains exactly its pair
            "Busy         | InACall           | Busy/InACall            | " + DEFAULT + " | NONE",
            "Busy         | InACall           | Away/Away+Busy/InACall  | " + DEFAULT + " | NONE",
            "Busy         | InAConferenceCall | Busy/InAConferenceCall  | " + DEFAULT + " | NONE",
            "DoNotDisturb | Presenting        | DoNotDisturb/Presenting | " + DEFAULT + " | NONE",
            "Busy         | InAMeeting        | Busy/InACall            | " + DEFAULT + " | IN_CALL",
            "Busy         | InAConferenceCall | Busy/InACall            | " + DEFAULT + " | IN_CALL",
            "DoNotDisturb | Presenting        | Busy/InACall            | " + DEFAULT + " | IN_CALL",
            "Busy         | InACall           | Busy/InAConferenceCall  | " + DEFAULT + " | IN_CALL",
            "Busy         | InACall           | Away/Away               | " + DEFAULT + " | IN_CALL"})
    void aCallActivityCountsUnlessTheHubsOwnSessionShowsIt(String availability, String activity, String own,
                                                          String activities, TeamsCall expected) {
        TeamsCallResolver resolver = new TeamsCallResolver(TeamsCallSettings.from("Busy/InACall", activities));
        GraphObservation observed = new GraphObservation(availability, activity, "", "1");
        assertThat(resolver.resolve(observed, sessions(own))).isEqualTo(expected);
    }
}
