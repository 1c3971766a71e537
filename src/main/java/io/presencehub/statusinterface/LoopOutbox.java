package io.presencehub.statusinterface;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.EventLoop;
import io.netty.util.AttributeKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * Events waiting for the clients of one netty event loop. Broadcasting hands each event to every
 * loop once (not to every client), and the loop writes everything that waits to each of its
 * clients with one flush: under load many events share one system call per client.
 */
final class LoopOutbox implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(LoopOutbox.class);

    /** Marks a client being closed for not reading, so it is counted and closed once. */
    private static final AttributeKey<Boolean> CUT_OFF = AttributeKey.valueOf("presencehub.cutOff");

    private final EventLoop loop;
    private final long maxPendingBytes;
    private final AtomicLong cutOffCounter;
    private final Set<Channel> channels = ConcurrentHashMap.newKeySet();
    private final Queue<ByteBuf> waiting = new ConcurrentLinkedQueue<>();
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

    /** Takes ownership of the buffer and schedules a write pass unless one is pending. */
    void offer(ByteBuf event) {
        waiting.add(event);
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
        List<ByteBuf> batch = new ArrayList<>();
        for (ByteBuf event = waiting.poll(); event != null; event = waiting.poll()) {
            batch.add(event);
        }
        if (batch.isEmpty()) {
            return;
        }
        ByteBuf text = batch.size() == 1 ? batch.get(0) : Unpooled.wrappedBuffer(batch.toArray(new ByteBuf[0]));
        try {
            for (Channel channel : channels) {
                if (channel.isActive() && !channel.hasAttr(CUT_OFF) && !cutOffIfStalled(channel)) {
                    channel.writeAndFlush(text.retainedDuplicate());
                }
            }
        } finally {
            text.release();
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
