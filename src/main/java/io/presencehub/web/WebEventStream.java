package io.presencehub.web;

import io.presencehub.web.WebEventLog.Event;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/events}: Server-Sent Events to every connected web client. A client that sends
 * {@code Last-Event-ID} first gets what it missed, or {@code event: reset} when that is no longer known (it must
 * reload). A comment line every heartbeat keeps proxies from closing a quiet stream. A client with more than
 * {@code maxPendingBytes} unsent (it stopped reading) is disconnected. Each client is written on its own Vert.x
 * event loop, in the order the events were published. What piles up for a client while its loop is busy goes out in
 * one write: the web server's clients may all share one loop, and a write (one system call) per event and client
 * would not keep up with 1,000 changes a second to 100 clients (docs/benchmarks.md, "Web").
 */
public final class WebEventStream implements Handler<RoutingContext> {

    private static final Logger LOG = LoggerFactory.getLogger(WebEventStream.class);

    /** One connected client: its response, the event loop that writes it and the text not yet handed to it. */
    private static final class Client {

        private final HttpServerResponse response;
        private final Context loop;
        private final String address;
        private final StringBuilder pending = new StringBuilder();
        private boolean drainScheduled;

        Client(HttpServerResponse response, Context loop, String address) {
            this.response = response;
            this.loop = loop;
            this.address = address;
        }

        /** Queues text; true when no drain is scheduled yet (the caller schedules one). */
        synchronized boolean add(String text) {
            pending.append(text);
            boolean schedule = !drainScheduled;
            drainScheduled = true;
            return schedule;
        }

        /** Everything queued so far; the next {@link #add} schedules a new drain. */
        synchronized String take() {
            String text = pending.toString();
            pending.setLength(0);
            drainScheduled = false;
            return text;
        }
    }

    private final WebEventLog log;
    private final int maxPendingBytes;
    private final Set<Client> clients = ConcurrentHashMap.newKeySet();
    /** Whether a client connected in this run: before that, no one holds an id of this run that could resume. */
    private volatile boolean listenedTo;

    public WebEventStream(WebEventLog log, int maxPendingBytes) {
        this.log = log;
        this.maxPendingBytes = maxPendingBytes;
    }

    @Override
    public void handle(RoutingContext context) {
        HttpServerResponse response = context.response();
        response.setChunked(true).setWriteQueueMaxSize(maxPendingBytes)
                .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("X-Accel-Buffering", "no");
        Client client = new Client(response, Vertx.currentContext(), String.valueOf(context.request().remoteAddress()));
        String lastEventId = context.request().getHeader("Last-Event-ID");
        response.closeHandler(v -> clients.remove(client));
        response.exceptionHandler(e -> clients.remove(client));
        synchronized (log) {
            listenedTo = true;
            StringBuilder start = new StringBuilder(": presence hub events\n\n");
            if (lastEventId != null) {
                Optional<List<Event>> missed = log.after(lastEventId.strip());
                if (missed.isPresent()) {
                    missed.get().forEach(e -> start.append(e.wire()));
                } else {
                    start.append("id: ").append(log.lastId()).append("\nevent: reset\ndata: ")
                            .append(WebJson.write(java.util.Map.of("reason", "events since " + lastEventId
                                    + " are no longer known: reload"))).append("\n\n");
                }
            }
            response.write(start.toString());
            clients.add(client);
        }
    }

    /** Sends an event to every client (and keeps it for resume). */
    public void publish(String name, String data) {
        synchronized (log) {
            String wire = log.append(name, data).wire();
            clients.forEach(client -> send(client, wire));
        }
    }

    /** A comment line to every client. */
    public void heartbeat() {
        clients.forEach(client -> send(client, ": heartbeat\n\n"));
    }

    /**
     * Whether events are worth encoding and keeping: not until the first client of this run connects (ids are per
     * run, so nobody could resume with an earlier one), which spares every change its JSON on a hub nobody watches.
     */
    public boolean keepsEvents() {
        return listenedTo;
    }

    public int clientCount() {
        return clients.size();
    }

    private void send(Client client, String text) {
        if (client.add(text)) {
            client.loop.runOnContext(v -> drain(client));
        }
    }

    /** On the client's loop: one write of all that is queued for it. */
    private void drain(Client client) {
        String text = client.take();
        if (!clients.contains(client)) {
            return;
        }
        client.response.write(text);
        if (client.response.writeQueueFull()) {
            clients.remove(client);
            LOG.warn("Web event client {} disconnected: more than {} bytes unsent (it stopped reading)",
                    client.address, maxPendingBytes);
            client.response.close();
        }
    }

    /** Ends every stream (the hub stops). */
    public void close() {
        clients.forEach(client -> client.loop.runOnContext(v -> client.response.close()));
        clients.clear();
    }
}
