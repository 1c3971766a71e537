package io.presencehub.teams;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * The fake Graph's calls to the hub: validation handshakes, change deliveries and lifecycle notifications, each
 * recorded with the hub's status and how long it took. Deliveries run on a few single-thread lanes chosen by user id,
 * so one user's changes arrive in order while a slow answer holds up only its own lane. Thread-safe; never called
 * under FakeGraph's monitor for anything that waits on the hub.
 */
final class FakeGraphNotifier implements AutoCloseable {

    private static final int LANES = 4;
    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ExecutorService[] lanes = new ExecutorService[LANES];
    private final List<FakeGraph.Delivery> deliveries = new ArrayList<>();
    private final List<FakeGraph.LifecycleDelivery> lifecycleDeliveries = new ArrayList<>();
    private volatile Duration validationTimeout = Duration.ofSeconds(10);
    private volatile Consumer<FakeGraph.Delivery> listener;
    private int validationRequests;

    /** The hub's answer to one POST: its status (0: none in time, or no connection) and how long it took. */
    private record Answer(int status, String body, String contentType, Duration took, boolean timedOut) {
    }

    FakeGraphNotifier() {
        for (int i = 0; i < LANES; i++) {
            int lane = i;
            lanes[i] = Executors.newSingleThreadExecutor(r -> {
                Thread thread = new Thread(r, "fake-graph-deliveries-" + lane);
                thread.setDaemon(true);
                return thread;
            });
        }
    }

    void validationTimeout(Duration timeout) {
        validationTimeout = timeout;
    }

    void listener(Consumer<FakeGraph.Delivery> consumer) {
        listener = consumer;
    }

    synchronized int validationRequests() {
        return validationRequests;
    }

    synchronized List<FakeGraph.Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    synchronized List<FakeGraph.LifecycleDelivery> lifecycleDeliveries() {
        return List.copyOf(lifecycleDeliveries);
    }

    synchronized void reset() {
        deliveries.clear();
        lifecycleDeliveries.clear();
        validationRequests = 0;
    }

    /**
     * The validation handshake: POST {@code url?validationToken=…} with an empty text/plain body; the hub must answer
     * 200, text/plain, the decoded token, within the validation timeout. Empty when it did; else why not.
     */
    Optional<String> validate(String url) {
        synchronized (this) {
            validationRequests++;
        }
        // shaped like Graph's own: spaces and colons, so the hub must decode the query
        String token = "Validation: Testing client application reachability for subscription Request-Id: "
                + UUID.randomUUID();
        String target = url + (url.contains("?") ? "&" : "?") + "validationToken="
                + URLEncoder.encode(token, StandardCharsets.UTF_8);
        Answer answer = post(target, "", "text/plain; charset=utf-8", validationTimeout);
        if (answer.timedOut()) {
            return Optional.of("Subscription validation request timed out.");
        }
        if (answer.status() != 200) {
            return Optional.of("Subscription validation request failed. Notification endpoint must respond with"
                    + " 200 OK to validation request (got " + answer.status() + ").");
        }
        if (!answer.contentType().toLowerCase().startsWith("text/plain")) {
            return Optional.of("Subscription validation request failed. Response must be text/plain (got '"
                    + answer.contentType() + "').");
        }
        if (!token.equals(answer.body())) {
            return Optional.of("Subscription validation request failed. Response must exactly match"
                    + " validationToken query parameter.");
        }
        return Optional.empty();
    }

    /** Posts a change notification later, on the user's lane (in order after the user's earlier ones). */
    void deliverLater(String subscriptionId, String userId, String url, String body) {
        try {
            lane(userId).execute(() -> deliverNow(subscriptionId, userId, url, body));
        } catch (RejectedExecutionException e) {
            // the fake is closing: Graph is gone, nothing more is delivered
        }
    }

    /** Posts a change notification now, on the caller's thread, and records it. */
    FakeGraph.Delivery deliverNow(String subscriptionId, String userId, String url, String body) {
        Answer answer = post(url, body, "application/json; charset=utf-8", DELIVERY_TIMEOUT);
        FakeGraph.Delivery delivery = new FakeGraph.Delivery(subscriptionId, userId, answer.status(), answer.took());
        synchronized (this) {
            deliveries.add(delivery);
        }
        Consumer<FakeGraph.Delivery> consumer = listener;
        if (consumer != null) {
            consumer.accept(delivery);
        }
        return delivery;
    }

    /** Posts a lifecycle notification now, on the caller's thread, and records it. */
    FakeGraph.LifecycleDelivery lifecycleNow(String subscriptionId, String event, String url, String body) {
        Answer answer = post(url, body, "application/json; charset=utf-8", DELIVERY_TIMEOUT);
        FakeGraph.LifecycleDelivery delivery = new FakeGraph.LifecycleDelivery(subscriptionId, event,
                answer.status(), answer.took());
        synchronized (this) {
            lifecycleDeliveries.add(delivery);
        }
        return delivery;
    }

    @Override
    public void close() {
        for (ExecutorService lane : lanes) {
            lane.shutdownNow();
        }
    }

    private ExecutorService lane(String userId) {
        return lanes[Math.floorMod(userId.hashCode(), LANES)];
    }

    private Answer post(String url, String body, String contentType, Duration timeout) {
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                            .header("Content-Type", contentType)
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(),
                    response.headers().firstValue("Content-Type").orElse(""), since(start), false);
        } catch (HttpTimeoutException e) {
            return new Answer(FakeGraph.Delivery.NO_ANSWER, "", "", since(start), true);
        } catch (IOException e) {
            return new Answer(FakeGraph.Delivery.NO_ANSWER, "", "", since(start), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(FakeGraph.Delivery.NO_ANSWER, "", "", since(start), false);
        }
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
