package io.presencehub.statusinterface;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.EventLoop;
import io.netty.util.AttributeKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bound on what waits to be sent to status clients that do not read: per client, and for all
 * clients together, so that no number of non-reading clients can exhaust the hub's memory.
 *
 * <p>Pending bytes are netty's own count of what a channel has queued and not yet handed to the
 * kernel (each queued message also counts its bookkeeping). Events are shared buffers, so the sum
 * over all clients overstates the memory they really hold: the total bound errs on the safe side.
 * Over the total, the clients with the most pending bytes are cut off first, until the rest fit.
 *
 * <p>The answers a client asked for (a state report of 100,000 extensions is several megabytes) do not count
 * against its own bound, only against the total: a panel that reads its report slowly is a reader, not a laggard.
 * The bytes of answers still waiting are known only as an upper bound (netty does not say which queued bytes are
 * which), so each check lowers it to what is pending at all: as the client drains, the allowance drains too.
 */
final class BacklogLimit {

    private static final Logger LOG = LoggerFactory.getLogger(BacklogLimit.class);

    /** Marks a client being closed for not reading, so it is counted and closed once. */
    private static final AttributeKey<Boolean> CUT_OFF = AttributeKey.valueOf("presencehub.cutOff");
    /** At most how many of a client's pending bytes are answers to its own commands; read and written on its loop. */
    private static final AttributeKey<long[]> ANSWERS = AttributeKey.valueOf("presencehub.answerBytes");

    private final long maxPerClient;
    private final long maxTotal;
    private final Iterable<Channel> clients;
    private final Map<EventLoop, Long> pendingByLoop = new ConcurrentHashMap<>();
    private final AtomicLong cutOffCount = new AtomicLong();

    /**
     * @param maxPerClient pending bytes one client may have before it is cut off
     * @param maxTotal     pending bytes all clients together may have before the biggest laggards are cut off
     * @param clients      every connected client (read from any thread)
     */
    BacklogLimit(long maxPerClient, long maxTotal, Iterable<Channel> clients) {
        this.maxPerClient = maxPerClient;
        this.maxTotal = maxTotal;
        this.clients = clients;
    }

    /** Bytes queued in the hub for this client, not yet taken by its socket; safe from any thread. */
    static long pending(Channel channel) {
        ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
        return buffer == null ? 0 : buffer.totalPendingWriteBytes();
    }

    /** Whether the client is being cut off (or was). */
    static boolean isCutOff(Channel channel) {
        return channel.hasAttr(CUT_OFF);
    }

    /** Cuts the client off if it alone has more pending than allowed; returns whether it is cut off. */
    boolean cutOffIfStalled(Channel channel) {
        if (isCutOff(channel)) {
            return true;
        }
        long pending = pending(channel);
        if (pending - answersPending(channel, pending) <= maxPerClient) {
            return false;
        }
        cutOff(channel, pending, "more than " + maxPerClient + " per client");
        return true;
    }

    /** Records an answer to the client's own command queued for it; called on the client's event loop. */
    void answerQueued(Channel channel, long bytes) {
        long[] answers = channel.attr(ANSWERS).get();
        if (answers == null) {
            channel.attr(ANSWERS).set(new long[] {bytes});
        } else {
            answers[0] += bytes;
        }
    }

    /** At most how many of the pending bytes are answers: never more than is pending at all. */
    private static long answersPending(Channel channel, long pending) {
        long[] answers = channel.attr(ANSWERS).get();
        if (answers == null) {
            return 0;
        }
        answers[0] = Math.min(answers[0], pending);
        return answers[0];
    }

    /**
     * Records what the clients of one event loop have pending after a write pass; when all loops
     * together exceed the total bound, cuts off the biggest laggards.
     */
    void report(EventLoop loop, long loopPending) {
        pendingByLoop.put(loop, loopPending);
        long total = 0;
        for (long pending : pendingByLoop.values()) {
            total += pending;
        }
        if (total > maxTotal) {
            cutLaggards();
        }
    }

    /** Counts afresh (the loops' reports may be stale) and cuts the biggest laggards until the rest fit. */
    private synchronized void cutLaggards() {
        List<Laggard> laggards = new ArrayList<>();
        long total = 0;
        for (Channel channel : clients) {
            if (!isCutOff(channel)) {
                long pending = pending(channel);
                total += pending;
                laggards.add(new Laggard(channel, pending));
            }
        }
        laggards.sort(Comparator.comparingLong(Laggard::pending).reversed());
        for (Laggard laggard : laggards) {
            if (total <= maxTotal || laggard.pending() == 0) {
                break;
            }
            cutOff(laggard.channel(), laggard.pending(), "all clients together over " + maxTotal);
            total -= laggard.pending();
        }
    }

    private record Laggard(Channel channel, long pending) {
    }

    private void cutOff(Channel channel, long pending, String bound) {
        if (channel.attr(CUT_OFF).setIfAbsent(Boolean.TRUE) != null) {
            return;
        }
        cutOffCount.incrementAndGet();
        LOG.warn("Status client {} does not read its events ({} bytes waiting, {}): disconnecting it",
                channel.remoteAddress(), pending, bound);
        channel.close();
    }

    /** How many clients were cut off for not reading. */
    long cutOffCount() {
        return cutOffCount.get();
    }
}
