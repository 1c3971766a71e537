package io.presencehub.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.presencehub.teams.FakeGraph.Endpoint;
import io.presencehub.teams.FakeGraph.Served;
import java.io.IOException;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
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

    /** One read: the ids it asked for, when the fake received it and when it had answered. */
    record Read(Set<String> userIds, long receivedNanos, long answeredNanos) {
        int ids() {
            return userIds.size();
        }

        boolean poll() {
            return ids() > POLL_READ_IDS;
        }
    }

    private final Queue<Served> served = new ConcurrentLinkedQueue<>();

    @Override
    public void accept(Served request) {
        if (request.endpoint() == Endpoint.GET_PRESENCES_BY_USER_ID) {
            served.add(request); // parsed after the run, not on the fake's thread
        }
    }

    /** The reads received from {@code sinceNanos} on, in the order the fake received them. */
    List<Read> reads(long sinceNanos) {
        return served.stream().filter(s -> s.receivedNanos() >= sinceNanos)
                .map(s -> new Read(ids(s.requestBody()), s.receivedNanos(), s.answeredNanos()))
                .sorted(Comparator.comparingLong(Read::receivedNanos)).toList();
    }

    /** The first of the (sorted) reads received after {@code afterNanos} that asked for the user, if any. */
    static Optional<Read> firstReading(List<Read> reads, String userId, long afterNanos) {
        int low = 0;
        int high = reads.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (reads.get(middle).receivedNanos() < afterNanos) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return reads.subList(low, reads.size()).stream().filter(r -> r.userIds().contains(userId)).findFirst();
    }

    private static Set<String> ids(String body) {
        Set<String> ids = new HashSet<>();
        try {
            JSON.readTree(body).path("ids").forEach(id -> ids.add(id.asText()));
        } catch (IOException e) {
            // not a read the hub would send: no ids
        }
        return ids;
    }
}
