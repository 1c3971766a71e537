package io.presencehub.web;

import io.presencehub.testing.SlowMachineTimeouts;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A test's reader of {@code GET /api/events}: a thread queues the lines, {@link #next()} parses one event. */
final class SseClient implements AutoCloseable {

    /** One event; {@code name} is null for a block of comment lines only. */
    record SseEvent(String id, String name, String data, List<String> comments) {
    }

    private final HttpResponse<InputStream> response;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    SseClient(WebClient web) {
        response = web.stream("/api/events");
        Thread reader = new Thread(this::read, "sse-test-reader");
        reader.setDaemon(true);
        reader.start();
    }

    HttpResponse<InputStream> response() {
        return response;
    }

    /** The next event (comment blocks included), failing after the fixtures' ceiling. */
    SseEvent next() {
        String id = null;
        String name = null;
        StringBuilder data = new StringBuilder();
        List<String> comments = new ArrayList<>();
        for (String line = line(); !line.isEmpty() || (name == null && comments.isEmpty()); line = line()) {
            if (line.startsWith(":")) {
                comments.add(line.substring(1).strip());
            } else if (line.startsWith("id: ")) {
                id = line.substring(4);
            } else if (line.startsWith("event: ")) {
                name = line.substring(7);
            } else if (line.startsWith("data: ")) {
                data.append(line.substring(6));
            }
        }
        return new SseEvent(id, name, data.toString(), comments);
    }

    /** The next event that is not only comments, failing after the fixtures' ceiling. */
    SseEvent nextEvent() {
        long end = System.nanoTime() + SlowMachineTimeouts.AWAIT.toNanos();
        SseEvent event = next();
        while (event.name() == null) {
            if (System.nanoTime() > end) {
                throw new AssertionError("only comments for " + SlowMachineTimeouts.AWAIT);
            }
            event = next();
        }
        return event;
    }

    private String line() {
        try {
            String line = lines.poll(SlowMachineTimeouts.AWAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (line == null) {
                throw new AssertionError("no event line within " + SlowMachineTimeouts.AWAIT);
            }
            return line;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            // closed
        }
    }

    @Override
    public void close() {
        try {
            response.body().close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
