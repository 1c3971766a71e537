package io.presencehub.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The listening status clients: plain non-blocking sockets served by a few selector threads. Each
 * client counts the event lines it receives. While a {@link SendLog} is installed, an event whose
 * line ends in a sequence number (the note {@code n<seq>}) is matched with the time that change was
 * sent, and the delivery latency is recorded.
 */
final class ListenerPool implements AutoCloseable {

    private final AtomicLongArray lineCounts;
    private final AtomicInteger disconnected = new AtomicInteger();
    private final List<Reader> readers = new ArrayList<>();
    private volatile SendLog sendLog;

    private ListenerPool(int clients) {
        this.lineCounts = new AtomicLongArray(clients);
    }

    static ListenerPool connect(InetSocketAddress address, int clients, int threads) throws IOException {
        ListenerPool pool = new ListenerPool(clients);
        try {
            for (int t = 0; t < threads; t++) {
                pool.readers.add(pool.new Reader(t));
            }
            for (int i = 0; i < clients; i++) {
                SocketChannel channel = SocketChannel.open(address);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                channel.configureBlocking(false);
                channel.register(pool.readers.get(i % threads).selector, SelectionKey.OP_READ, new ClientState(i));
            }
            pool.readers.forEach(Reader::start);
            return pool;
        } catch (IOException e) {
            pool.close();
            throw e;
        }
    }

    int size() {
        return lineCounts.length();
    }

    int disconnected() {
        return disconnected.get();
    }

    /** Lines received so far by each client. */
    long[] lineCounts() {
        long[] counts = new long[lineCounts.length()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = lineCounts.get(i);
        }
        return counts;
    }

    /** The fewest lines any client received so far. */
    long minLines() {
        return Arrays.stream(lineCounts()).min().orElse(0);
    }

    /** Waits until every client received at least {@code lines} lines; false on timeout. */
    boolean awaitMinLines(long lines, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (minLines() < lines) {
            if (System.currentTimeMillis() > deadline) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    /** Starts matching numbered events with their send times. */
    void recordLatencies(SendLog log) {
        readers.forEach(Reader::clearLatencies);
        this.sendLog = log;
    }

    /** Stops matching and returns every latency recorded (nanoseconds, unsorted). */
    long[] stopRecording() throws InterruptedException {
        this.sendLog = null;
        Thread.sleep(20); // let the readers finish the batch they are in
        return readers.stream().map(r -> r.latencies.toArray())
                .reduce(new long[0], ListenerPool::concat);
    }

    @Override
    public void close() {
        readers.forEach(Reader::shutdown);
    }

    private static long[] concat(long[] a, long[] b) {
        long[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    /** Per-connection parse state: the line count and the trailing digits of the current line. */
    private static final class ClientState {
        final int index;
        long lines;
        long trailingNumber;
        int trailingDigits;

        ClientState(int index) {
            this.index = index;
        }
    }

    /** One selector thread serving a share of the clients. */
    private final class Reader extends Thread {
        final Selector selector;
        final LongList latencies = new LongList();
        private final ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);
        private volatile boolean running = true;

        Reader(int number) throws IOException {
            super("bench-listener-" + number);
            setDaemon(true);
            this.selector = Selector.open();
        }

        @Override
        public void run() {
            try {
                while (running) {
                    selector.select(100);
                    for (SelectionKey key : selector.selectedKeys()) {
                        read(key);
                    }
                    selector.selectedKeys().clear();
                }
            } catch (IOException | RuntimeException e) {
                if (running) {
                    System.err.println("listener reader failed: " + e);
                }
            }
        }

        private void read(SelectionKey key) {
            SocketChannel channel = (SocketChannel) key.channel();
            ClientState client = (ClientState) key.attachment();
            try {
                int n;
                while ((n = channel.read(buffer)) > 0) {
                    buffer.flip();
                    parse(client, System.nanoTime());
                    buffer.clear();
                }
                if (n < 0) {
                    lostClient(key);
                }
            } catch (IOException e) {
                lostClient(key);
            }
            lineCounts.lazySet(client.index, client.lines);
        }

        private void parse(ClientState client, long now) {
            SendLog log = sendLog;
            while (buffer.hasRemaining()) {
                byte b = buffer.get();
                if (b == '\n') {
                    client.lines++;
                    if (log != null && client.trailingDigits > 0) {
                        long sent = log.sentAt(client.trailingNumber);
                        if (sent != 0) {
                            latencies.add(now - sent);
                        }
                    }
                    client.trailingNumber = 0;
                    client.trailingDigits = 0;
                } else if (b >= '0' && b <= '9' && client.trailingDigits < 18) {
                    client.trailingNumber = client.trailingNumber * 10 + (b - '0');
                    client.trailingDigits++;
                } else {
                    client.trailingNumber = 0;
                    client.trailingDigits = 0;
                }
            }
        }

        private void lostClient(SelectionKey key) {
            key.cancel();
            try {
                key.channel().close();
            } catch (IOException ignored) {
                // already gone
            }
            if (running) {
                disconnected.incrementAndGet();
            }
        }

        void clearLatencies() {
            latencies.clear();
        }

        void shutdown() {
            running = false;
            selector.wakeup();
            try {
                join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            for (SelectionKey key : selector.keys()) {
                try {
                    key.channel().close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
            try {
                selector.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    /** Send times of numbered changes, written by the pacing writer, read by the listeners. */
    static final class SendLog {
        private final AtomicLongArray sentNanos;

        SendLog(int changes) {
            this.sentNanos = new AtomicLongArray(changes);
        }

        void sent(int sequence, long nanos) {
            sentNanos.set(sequence, nanos);
        }

        long sentAt(long sequence) {
            return sequence < sentNanos.length() ? sentNanos.get((int) sequence) : 0;
        }

        int capacity() {
            return sentNanos.length();
        }
    }

    /** A growable array of longs (no boxing: millions of latencies). */
    static final class LongList {
        private long[] values = new long[1 << 16];
        private int size;

        void add(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        void clear() {
            size = 0;
        }

        long[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
