package io.presencehub.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A connection that sends set commands, pipelined: at most {@code window} commands wait for their
 * reply. Its reader thread takes the replies (an empty line, or {@code Error:…}) and skips the
 * events every connection also receives.
 */
final class CommandConnection implements AutoCloseable {

    private static final byte[] ERROR_PREFIX = "Error:".getBytes(StandardCharsets.US_ASCII);

    private final Socket socket;
    private final OutputStream out;
    private final Semaphore window;
    private final AtomicLong replies = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final Thread reader;
    private volatile String firstError;
    private volatile boolean closing;

    CommandConnection(InetSocketAddress address, int window, String name) throws IOException {
        this.socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(address, 2000);
        this.out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
        this.window = new Semaphore(window);
        this.reader = new Thread(this::readReplies, name + "-replies");
        reader.setDaemon(true);
        reader.start();
    }

    /** Queues one command line (without its line break); blocks while the window is full. */
    void send(String command) throws IOException, InterruptedException {
        if (!window.tryAcquire()) {
            out.flush();
            if (!window.tryAcquire(10, TimeUnit.SECONDS)) {
                throw new IOException("no reply from the hub for 10 s (" + replies.get() + " replies so far)");
            }
        }
        out.write(command.getBytes(StandardCharsets.UTF_8));
        out.write('\n');
    }

    void flush() throws IOException {
        out.flush();
    }

    long replies() {
        return replies.get();
    }

    long errors() {
        return errors.get();
    }

    String firstError() {
        return firstError;
    }

    /** Waits until every command sent has its reply; false on timeout. */
    boolean awaitReplies(long sent, long timeoutMillis) throws InterruptedException, IOException {
        flush();
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (replies.get() < sent) {
            if (System.currentTimeMillis() > deadline) {
                return false;
            }
            Thread.sleep(2);
        }
        return true;
    }

    private void readReplies() {
        byte[] prefix = new byte[ERROR_PREFIX.length];
        StringBuilder error = null;
        int length = 0;
        try (InputStream in = new BufferedInputStream(socket.getInputStream(), 64 * 1024)) {
            for (int b = in.read(); b >= 0; b = in.read()) {
                if (b == '\n') {
                    if (length == 0 || error != null) {
                        reply(error);
                    }
                    length = 0;
                    error = null;
                    continue;
                }
                if (length < prefix.length) {
                    prefix[length] = (byte) b;
                }
                length++;
                if (length == prefix.length && java.util.Arrays.equals(prefix, ERROR_PREFIX)) {
                    error = new StringBuilder("Error:");
                } else if (error != null && length > prefix.length && error.length() < 300) {
                    error.append((char) b);
                }
            }
        } catch (IOException e) {
            if (!closing) {
                firstError = firstError == null ? "connection lost: " + e.getMessage() : firstError;
                errors.incrementAndGet();
            }
        }
    }

    private void reply(StringBuilder error) {
        if (error != null) {
            if (firstError == null) {
                firstError = error.toString();
            }
            errors.incrementAndGet();
        }
        replies.incrementAndGet();
        window.release();
    }

    @Override
    public void close() {
        closing = true;
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
