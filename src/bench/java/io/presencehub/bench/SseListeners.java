package io.presencehub.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Server-Sent Events clients of {@code GET /api/events}: plain sockets (HTTP/1.1, the chunk-size lines are simply
 * not event lines), one reading thread each. Every client counts its {@code event: state} events; for an event whose
 * note is {@code w<seq>} with a send time in the {@code sentNanos} log, it records the latency from that send to the
 * event's arrival (same JVM clock as the sender).
 */
final class SseListeners implements AutoCloseable {

    private static final String NOTE_MARK = "\"note\":\"w";

    private final AtomicLongArray sentNanos;
    private final List<Listener> listeners = new ArrayList<>();
    private final AtomicInteger disconnected = new AtomicInteger();
    private volatile boolean closing;

    private SseListeners(AtomicLongArray sentNanos) {
        this.sentNanos = sentNanos;
    }

    /** Connects {@code clients} event streams; {@code sentNanos[seq]} is the send time of note {@code w<seq>}. */
    static SseListeners connect(InetSocketAddress web, int clients, AtomicLongArray sentNanos) throws IOException {
        SseListeners pool = new SseListeners(sentNanos);
        try {
            for (int i = 0; i < clients; i++) {
                Listener listener = pool.new Listener(web, i);
                pool.listeners.add(listener);
                listener.thread.start();
            }
            return pool;
        } catch (IOException e) {
            pool.close();
            throw e;
        }
    }

    int size() {
        return listeners.size();
    }

    int disconnected() {
        return disconnected.get();
    }

    /** The fewest {@code event: state} events any client received so far. */
    long minEvents() {
        return listeners.stream().mapToLong(l -> l.events).min().orElse(0);
    }

    /** Latencies recorded by all clients together since the last call (timed notes received), in ns, sorted. */
    long[] takeLatencies() {
        long[] all = new long[0];
        for (Listener listener : listeners) {
            long[] mine;
            synchronized (listener) {
                mine = Arrays.copyOf(listener.latencies, listener.timed);
                listener.timed = 0;
            }
            int at = all.length;
            all = Arrays.copyOf(all, at + mine.length);
            System.arraycopy(mine, 0, all, at, mine.length);
        }
        Arrays.sort(all);
        return all;
    }

    /** When the last timed note arrived at any client ({@link System#nanoTime()}). */
    long lastArrivalNanos() {
        long last = Long.MIN_VALUE;
        for (Listener listener : listeners) {
            synchronized (listener) {
                last = Math.max(last, listener.lastArrival);
            }
        }
        return last;
    }

    /** Timed notes received by all clients together since the last {@link #takeLatencies()}. */
    long timedEvents() {
        long sum = 0;
        for (Listener listener : listeners) {
            synchronized (listener) {
                sum += listener.timed;
            }
        }
        return sum;
    }

    @Override
    public void close() {
        closing = true;
        listeners.forEach(Listener::close);
    }

    /** One event stream and its reading thread. */
    private final class Listener {

        private final Socket socket = new Socket();
        private final Thread thread;
        private volatile long events;
        private long[] latencies = new long[1024];
        private int timed;
        private long lastArrival;

        Listener(InetSocketAddress web, int index) throws IOException {
            socket.setTcpNoDelay(true);
            socket.connect(web, 2000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/events HTTP/1.1\r\nHost: " + web.getHostString() + ":" + web.getPort()
                    + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            thread = new Thread(this::read, "sse-listener-" + index);
            thread.setDaemon(true);
        }

        private void read() {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8), 1 << 16)) {
                String status = in.readLine();
                if (status == null || !status.contains(" 200")) {
                    throw new IOException("GET /api/events answered " + status);
                }
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.startsWith("data: ")) {
                        received(line, System.nanoTime());
                    }
                }
                throw new IOException("end of stream");
            } catch (IOException e) {
                if (!closing) {
                    disconnected.incrementAndGet();
                    System.err.println("[bench] " + thread.getName() + " lost its stream: " + e.getMessage());
                }
            }
        }

        private void received(String data, long now) {
            events++;
            int mark = data.indexOf(NOTE_MARK);
            if (mark < 0) {
                return;
            }
            int from = mark + NOTE_MARK.length();
            int to = data.indexOf('"', from);
            int seq = Integer.parseInt(data, from, to, 10);
            long sent = seq < sentNanos.length() ? sentNanos.get(seq) : 0;
            if (sent == 0) {
                return;
            }
            synchronized (this) {
                if (timed == latencies.length) {
                    latencies = Arrays.copyOf(latencies, timed * 2);
                }
                latencies[timed++] = now - sent;
                lastArrival = now;
            }
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
