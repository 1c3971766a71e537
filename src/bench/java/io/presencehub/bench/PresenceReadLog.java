package io.presencehub.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.presencehub.teams.FakeGraph.Endpoint;
import io.presencehub.teams.FakeGraph.Served;
import java.io.IOException;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * The getPresencesByUserId requests the fake Graph served (its {@code onServed} listener), told apart afterwards into
 * the reads notifications caused (a few ids) and the reconciling poll's (hundreds of ids a request).
 */
final class PresenceReadLog implements Consumer<Served> {

    /** More ids than a 100 ms coalescing window gathers at 100 changes/s: a poll's read. */
    static final int POLL_READ_IDS = 100;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One read: how many ids, when the fake received it and when it had answered. */
    record Read(int ids, long receivedNanos, long answeredNanos) {
        boolean poll() {
            return ids > POLL_READ_IDS;
        }
    }

    private final Queue<Served> served = new ConcurrentLinkedQueue<>();

    @Override
    public void accept(Served request) {
        if (request.endpoint() == Endpoint.GET_PRESENCES_BY_USER_ID) {
            served.add(request); // parsed after the run, not on the fake's thread
        }
    }

    /** The reads received from {@code sinceNanos} on. */
    List<Read> reads(long sinceNanos) {
        return served.stream().filter(s -> s.receivedNanos() >= sinceNanos)
                .map(s -> new Read(ids(s.requestBody()), s.receivedNanos(), s.answeredNanos())).toList();
    }

    private static int ids(String body) {
        try {
            return JSON.readTree(body).path("ids").size();
        } catch (IOException e) {
            return 0;
        }
    }
}
