package io.presencehub.store;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread {@code store-journal-flush} of a {@link JournaledStateStore}: once a change is pending it
 * runs the store's flush within the interval, at once when a batch is full. A flush that fails is
 * tried again after the interval, doubled after each failure up to {@link #MAX_RETRY_INTERVAL}, with
 * one warning per distinct reason and one line when it works again.
 */
final class JournalFlusher {

    private static final Logger LOG = LoggerFactory.getLogger(JournalFlusher.class);
    /** The longest wait between two tries of a failing flush. */
    static final Duration MAX_RETRY_INTERVAL = Duration.ofSeconds(10);

    private final Runnable flush;
    private final long intervalNanos;
    private final int batchSize;
    private final Thread thread;
    private int pending;
    private boolean failing;
    private long retryNanos;
    private boolean running = true;
    private String lastWarning;

    JournalFlusher(Runnable flush, Duration interval, int batchSize) {
        this.flush = flush;
        this.intervalNanos = interval.toNanos();
        this.batchSize = batchSize;
        this.thread = new Thread(this::run, "store-journal-flush");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** How many users' changes wait now; the first and a full batch wake the thread. */
    synchronized void pending(int count) {
        pending = count;
        if (count == 1 || count == batchSize) {
            notifyAll();
        }
    }

    /** Stops the thread after the flush under way, if any; runs no further flush. */
    void stop() {
        synchronized (this) {
            running = false;
            notifyAll();
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    Thread thread() {
        return thread;
    }

    private void run() {
        while (awaitWork()) {
            try {
                flush.run();
                if (failing) {
                    LOG.info("State store: the journal reaches the database again");
                }
                failing = false;
                lastWarning = null;
            } catch (RuntimeException e) {
                retryNanos = failing ? Math.min(retryNanos * 2, MAX_RETRY_INTERVAL.toNanos()) : intervalNanos;
                failing = true;
                if (!Objects.equals(lastWarning, e.getMessage())) {
                    lastWarning = e.getMessage();
                    LOG.warn("State store: flushing the journal failed, the changes stay in the journal and are tried"
                            + " again: {}", e.getMessage());
                }
            }
        }
    }

    /** Waits until something is pending and its time (or a full batch) has come; false once stopped. */
    private synchronized boolean awaitWork() {
        try {
            while (running && pending == 0 && !failing) {
                wait();
            }
            long deadline = System.nanoTime() + (failing ? retryNanos : intervalNanos);
            long left;
            while (running && (failing || pending < batchSize) && (left = deadline - System.nanoTime()) > 0) {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            pending = 0;
            return running;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
