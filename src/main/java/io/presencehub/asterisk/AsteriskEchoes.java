package io.presencehub.asterisk;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Recognises Asterisk's reports of the hub's own writes. Per presentity it keeps the values written
 * but not yet reported back, in write order (Asterisk reports every write, in order). A report equal
 * to one of them is an echo and consumes it and every older one.
 */
public final class AsteriskEchoes {

    /** More unanswered writes than this to one presentity means reports were lost; the oldest are forgotten. */
    static final int MAX_OUTSTANDING = 16;

    private final Map<String, Deque<AsteriskPresence>> outstanding = new HashMap<>();
    /** Per presentity, the write Asterisk reported back last (since the last write registered for it). */
    private final Map<String, AsteriskPresence> reported = new HashMap<>();

    /** Registers a write before it is sent (its report may arrive before the send returns). */
    public synchronized void expect(AsteriskPresence echo) {
        Deque<AsteriskPresence> queue = outstanding.computeIfAbsent(echo.presentity(), p -> new ArrayDeque<>());
        queue.addLast(echo);
        reported.remove(echo.presentity());
        if (queue.size() > MAX_OUTSTANDING) {
            queue.removeFirst();
        }
    }

    /** Forgets a write that was not sent after all. */
    public synchronized void cancel(AsteriskPresence echo) {
        Deque<AsteriskPresence> queue = outstanding.get(echo.presentity());
        if (queue != null) {
            queue.removeLastOccurrence(echo);
            if (queue.isEmpty()) {
                outstanding.remove(echo.presentity());
            }
        }
    }

    /** True (and consumed) when the report is one of the hub's unanswered writes to that presentity. */
    public synchronized boolean isEcho(AsteriskPresence report) {
        Deque<AsteriskPresence> queue = outstanding.get(report.presentity());
        if (queue == null || !queue.contains(report)) {
            return false;
        }
        while (!queue.removeFirst().equals(report)) {
            // older writes were overtaken: Asterisk already shows a later one
        }
        reported.put(report.presentity(), report);
        if (queue.isEmpty()) {
            outstanding.remove(report.presentity());
        }
        return true;
    }

    /** Whether the hub has written to the presentity something Asterisk has not reported back yet. */
    public synchronized boolean awaitsEcho(String presentity) {
        return outstanding.containsKey(presentity);
    }

    /**
     * Whether Asterisk has reported this write back (it is applied there): its echo was the last one consumed for
     * the presentity and no equal write is still unanswered.
     */
    public synchronized boolean wasReported(AsteriskPresence echo) {
        Deque<AsteriskPresence> queue = outstanding.get(echo.presentity());
        return echo.equals(reported.get(echo.presentity())) && (queue == null || !queue.contains(echo));
    }

    /** After a reconnect the snapshot is the truth about what Asterisk holds; nothing older is still in flight. */
    public synchronized void clear(String presentity) {
        outstanding.remove(presentity);
        reported.remove(presentity);
    }
}
