package io.presencehub.statusinterface;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.ServerChannel;
import io.netty.channel.group.ChannelGroupFuture;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import io.presencehub.sync.Heartbeats;
import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every connected status client. camel-netty adds each accepted channel here; events and replies
 * are written through one {@link LoopOutbox} per event loop, in order per client. A client that
 * stops reading is cut off once more than {@code maxPendingBytes} wait to be sent to it, and the
 * biggest laggards once all clients together have more than {@code maxTotalPendingBytes} waiting
 * ({@link BacklogLimit}), so no number of them can hold the hub's memory or slow the others.
 */
public final class StatusClientGroup extends DefaultChannelGroup {

    private static final Logger LOG = LoggerFactory.getLogger(StatusClientGroup.class);

    /** How often each event loop serving clients reports that it runs. */
    private static final Duration LOOP_BEAT = Duration.ofSeconds(1);

    private final BacklogLimit limit;
    private final int socketSendBuffer;
    private final Duration batchWindow;
    private final Heartbeats heartbeats;
    private final Map<EventLoop, LoopOutbox> outboxes = new ConcurrentHashMap<>();
    private final Queue<Runnable> stopBeating = new ConcurrentLinkedQueue<>();

    /**
     * @param maxPendingBytes      unsent bytes a client may have queued in the hub before it is cut off
     * @param maxTotalPendingBytes unsent bytes all clients together may have; over it, the biggest
     *                             laggards are cut off first
     * @param socketSendBuffer     the kernel send buffer of each client socket; without it the kernel
     *                             grows it to megabytes and hides a client that stopped reading
     * @param batchWindow          under load, how long events may wait to share one write per client
     * @param heartbeats           where each event loop serving clients reports that it still runs
     */
    public StatusClientGroup(long maxPendingBytes, long maxTotalPendingBytes, int socketSendBuffer,
            Duration batchWindow, Heartbeats heartbeats) {
        super("status-clients", GlobalEventExecutor.INSTANCE);
        this.limit = new BacklogLimit(maxPendingBytes, maxTotalPendingBytes, this);
        this.socketSendBuffer = socketSendBuffer;
        this.batchWindow = batchWindow;
        this.heartbeats = heartbeats;
    }

    @Override
    public boolean add(Channel channel) {
        if (channel instanceof ServerChannel) {
            return false;
        }
        channel.config().setOption(ChannelOption.SO_SNDBUF, socketSendBuffer);
        if (contains(channel)) {
            return false;
        }
        // registered with its loop before it is visible in the group: whoever sees the client here
        // (a test, a broadcast) knows that every later event reaches it
        outboxOf(channel).register(channel);
        boolean added = super.add(channel);
        if (added) {
            LOG.debug("Status client connected from {}", channel.remoteAddress());
            channel.closeFuture().addListener(f -> LOG.debug("Status client {} disconnected", channel.remoteAddress()));
        }
        return added;
    }

    /**
     * Sends text (whole lines, each ending in a line break) to every client. It is encoded once, into
     * direct memory, and that one buffer is shared by every client (a heap buffer would be copied
     * into direct memory once per client by the socket write).
     */
    public void broadcast(String text) {
        if (isEmpty()) {
            return;
        }
        ByteBuf bytes = encode(text);
        try {
            outboxes.values().forEach(outbox -> outbox.broadcast(bytes.retainedDuplicate()));
        } finally {
            bytes.release();
        }
    }

    /** Sends a reply to one client, after the events already queued for it. */
    public void reply(Channel client, String text) {
        outboxOf(client).send(client, encode(text), false);
    }

    private static ByteBuf encode(String text) {
        ByteBuf bytes = ByteBufAllocator.DEFAULT.directBuffer(ByteBufUtil.utf8Bytes(text));
        ByteBufUtil.writeUtf8(bytes, text);
        return bytes;
    }

    /**
     * Closes a client once everything queued for it so far is written and sent (within a grace period); events
     * after this and lines it sent after {@code exit} are not handled.
     */
    public void closeAfterPending(Channel client) {
        client.attr(LoopOutbox.EXITING).set(Boolean.TRUE);
        outboxOf(client).send(client, Unpooled.EMPTY_BUFFER, true);
    }

    /** Whether the client sent {@code exit}: what it sends after that is ignored. */
    public boolean isExiting(Channel client) {
        return client.hasAttr(LoopOutbox.EXITING);
    }

    private LoopOutbox outboxOf(Channel client) {
        return outboxes.computeIfAbsent(client.eventLoop(), this::newOutbox);
    }

    /** An outbox for a loop that serves its first client; the loop beats while it runs. */
    private LoopOutbox newOutbox(EventLoop loop) {
        String name = "status event loop " + System.identityHashCode(loop);
        heartbeats.beat(name, LOOP_BEAT);
        ScheduledFuture<?> beating = loop.scheduleAtFixedRate(() -> heartbeats.beat(name, LOOP_BEAT),
                LOOP_BEAT.toMillis(), LOOP_BEAT.toMillis(), TimeUnit.MILLISECONDS);
        loop.terminationFuture().addListener(f -> {
            outboxes.remove(loop);
            heartbeats.forget(name);
        });
        stopBeating.add(() -> {
            beating.cancel(false);
            heartbeats.forget(name);
        });
        return new LoopOutbox(loop, limit, batchWindow);
    }

    /** Closes every client and stops watching the event loops: the hub is stopping. */
    @Override
    public ChannelGroupFuture close() {
        stopBeating.forEach(Runnable::run);
        return super.close();
    }

    /** Bytes waiting in the hub for all clients together, each client's share counted in full. */
    public long pendingBytes() {
        long total = 0;
        for (Channel channel : this) {
            total += BacklogLimit.pending(channel);
        }
        return total;
    }

    /** How many clients were cut off for not reading. */
    public long slowClientsDropped() {
        return limit.cutOffCount();
    }
}
