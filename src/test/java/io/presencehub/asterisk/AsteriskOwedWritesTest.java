package io.presencehub.asterisk;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencehub.model.UserKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What the hub owes Asterisk now, as a table: a script of steps and the writes handed out at each {@code due}.
 * Steps: {@code A=x} owe value x to presentity A; {@code pause}/{@code resume}; {@code due} hand out what is due
 * (recorded as {@code [A=x B=y]}); {@code ok:A}, {@code down:A}, {@code fail:A} answer the write of A being sent.
 */
class AsteriskOwedWritesTest {

    private static final UserKey USER = new UserKey("hq", "sales", "alice");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // name | script | due lists | owed at the end
        "nothing is due before the first snapshot|A=1 due resume due|[] [A=1]|1",
        "only the latest value per presentity is sent|resume A=1 A=2 B=1 A=3 due ok:A ok:B due|[A=3 B=1] []|0",
        "presentities are written in the order first owed|resume B=1 A=1 C=1 A=2 due|[B=1 A=2 C=1]|3",
        "a value owed while its presentity is being sent waits for the answer|resume A=1 due A=2 due ok:A due ok:A due|[A=1] [] [A=2] []|0",
        "AMI down keeps the write and pauses everything until the next snapshot|resume A=1 B=1 due down:A ok:B due resume due ok:A|[A=1 B=1] [] [A=1]|0",
        "a refused write is dropped|resume A=1 due fail:A due|[A=1] []|0",
        "a login pauses writing, the snapshot's hand-over resumes it|resume pause A=1 due resume due|[] [A=1]|1",
        "a newer value owed during a failed write is still sent|resume A=1 due A=2 fail:A due|[A=1] [A=2]|1",
    })
    void owedWrites(String name, String script, String dueLists, int owedAtEnd) {
        AsteriskOwedWrites owed = new AsteriskOwedWrites();
        List<String> seen = new ArrayList<>();
        Map<String, AsteriskWriteOutcome.Result> answers = Map.of("ok", AsteriskWriteOutcome.Result.WRITTEN,
                "down", AsteriskWriteOutcome.Result.NOT_CONNECTED, "fail", AsteriskWriteOutcome.Result.FAILED);
        for (String step : script.split(" ")) {
            if (step.equals("pause")) {
                owed.pause();
            } else if (step.equals("resume")) {
                owed.resume();
            } else if (step.equals("due")) {
                seen.add(owed.due(10).stream().map(w -> w.presentity() + "=" + w.state())
                        .reduce((a, b) -> a + " " + b).map(s -> "[" + s + "]").orElse("[]"));
            } else if (step.contains(":")) {
                String[] answer = step.split(":");
                PresenceWrite sending = owed.sending(answer[1]).orElseThrow();
                owed.answered(sending, answers.get(answer[0]));
            } else {
                String[] value = step.split("=");
                owed.owe(new PresenceWrite(USER, value[0], value[1], "", ""));
            }
        }
        assertThat(String.join(" ", seen)).isEqualTo(dueLists);
        assertThat(owed.size()).isEqualTo(owedAtEnd);
    }
}
