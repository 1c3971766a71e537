package io.presencehub.statusinterface;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.EventLoop;
import io.netty.util.AttributeKey;
import java.time.Duration;
import java.util.HashSet;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Events and replies waiting for the clients of one netty event loop. Broadcasting hands each
 * event to every loop once (not to every client), and the loop writes everything that waits to
 * each of its clients with one flush: under load many events share one system call per client.
 * Replies take the same queue, so a client sees events and replies in the order they happened.
 */
final class LoopOutbox implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(LoopOutbox.class);

    /** Marks a client being closed for not reading, so it is counted and closed once. */
    private static final AttributeKey<Boolean> CUT_OFF = AttributeKey.valueOf("presencehub.cutOff");

    private final EventLoop loop;
    private final long maxPendingBytes;
    private final AtomicLong cutOffCounter;
    private final Set<Channel> channels = ConcurrentHashMap.newKeySet();
    private final Queue<Outgoing> waiting = new ConcurrentLinkedQueue<>();

    /** Text for every client of the loop ({@code target == null}) or for one, maybe closing it after. */
    private record Outgoing(Channel target, ByteBuf text, boolean closeAfter) {
    }
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final long batchWindowNanos;
    private volatile long lastPassNanos;

    /**
     * @param batchWindow the shortest time between two write passes: an event after a quiet
     *                    period goes out at once, under load events wait at most this long and
     *                    share one system call per client
     */
    LoopOutbox(EventLoop loop, long maxPendingBytes, Duration batchWindow, AtomicLong cutOffCounter) {
        this.loop = loop;
        this.maxPendingBytes = maxPendingBytes;
        this.batchWindowNanos = batchWindow.toNanos();
        this.cutOffCounter = cutOffCounter;
        this.lastPassNanos = System.nanoTime() - batchWindowNanos;
    }

    void register(Channel channel) {
        channels.add(channel);
        channel.closeFuture().addListener(f -> channels.remove(channel));
    }

    /** Queues an event for every client of this loop; takes ownership of the buffer. */
    void broadcast(ByteBuf event) {
        offer(new Outgoing(null, event, false));
    }

    /** Queues text for one client of this loop, behind every event queued before it. */
    void send(Channel target, ByteBuf text, boolean closeAfter) {
        offer(new Outgoing(target, text, closeAfter));
    }

    private void offer(Outgoing outgoing) {
        waiting.add(outgoing);
        if (scheduled.compareAndSet(false, true)) {
            long wait = lastPassNanos + batchWindowNanos - System.nanoTime();
            if (wait <= 0) {
                loop.execute(this);
            } else {
                loop.schedule(this, wait, TimeUnit.NANOSECONDS);
            }
        }
    }

    @Override
    public void run() {
        lastPassNanos = System.nanoTime();
        scheduled.set(false);
        Set<Channel> written = new HashSet<>();
        for (Outgoing next = waiting.poll(); next != null; next = waiting.poll()) {
            Outgoing outgoing = next;
            try {
                if (outgoing.target() == null) {
                    channels.forEach(channel -> write(channel, outgoing.text(), written));
                } else {
                    write(outgoing.target(), outgoing.text(), written);
                }
                if (outgoing.closeAfter()) {
                    outgoing.target().flush();
                    written.remove(outgoing.target());
                    outgoing.target().close();
                }
            } finally {
                outgoing.text().release();
            }
        }
        written.forEach(Channel::flush);
    }

    private void write(Channel channel, ByteBuf text, Set<Channel> written) {
        if (channel.isActive() && !channel.hasAttr(CUT_OFF) && !cutOffIfStalled(channel)) {
            channel.write(text.retainedDuplicate());
            written.add(channel);
        }
    }

    private boolean cutOffIfStalled(Channel channel) {
        ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
        long pending = buffer == null ? 0 : buffer.totalPendingWriteBytes();
        if (pending <= maxPendingBytes) {
            return false;
        }
        channel.attr(CUT_OFF).set(Boolean.TRUE);
        cutOffCounter.incrementAndGet();
        LOG.warn("Status client {} does not read its events ({} bytes waiting): disconnecting it",
                channel.remoteAddress(), pending);
        channel.close();
        return true;
    }
}
