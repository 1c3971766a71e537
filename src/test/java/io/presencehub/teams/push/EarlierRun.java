package io.presencehub.teams.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencehub.teams.GraphAnswer;
import io.presencehub.teams.GraphCall;
import io.presencehub.teams.GraphOutcome;

/** The subscriptions an earlier run of the hub left, as Graph lists them to the first call. */
final class EarlierRun {

    private EarlierRun() {
    }

    /** Answers the first call (the list) with these subscriptions ({@code {"id","notificationUrl"}} objects). */
    static void left(PushSubscriptions subscriptions, String... subscriptionJson) {
        GraphCall list = subscriptions.dueCalls().get(0);
        assertThat(list.method()).isEqualTo("GET");
        assertThat(list.url()).endsWith("/subscriptions");
        subscriptions.onAnswer(new GraphAnswer(list, new GraphOutcome.Answered(200,
                "{\"value\":[" + String.join(",", subscriptionJson) + "]}", null)));
    }
}
