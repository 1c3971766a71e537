package io.presencehub.statusinterface;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.ServerChannel;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every connected status client. camel-netty adds each accepted channel here; events and replies
 * are written through one {@link LoopOutbox} per event loop, in order per client. A client that stops reading is cut
 * off once more than {@code maxPendingBytes} wait to be sent to it, so it can never hold memory
 * or slow the others.
 */
public final class StatusClientGroup extends DefaultChannelGroup {

    private static final Logger LOG = LoggerFactory.getLogger(StatusClientGroup.class);

    private final long maxPendingBytes;
    private final int socketSendBuffer;
    private final Duration batchWindow;
    private final AtomicLong slowClientsDropped = new AtomicLong();
    private final Map<EventLoop, LoopOutbox> outboxes = new ConcurrentHashMap<>();

    /**
     * @param maxPendingBytes  unsent bytes a client may have queued in the hub before it is cut off
     * @param socketSendBuffer the kernel send buffer of each client socket; without it the kernel
     *                         grows it to megabytes and hides a client that stopped reading
     * @param batchWindow      under load, how long events may wait to share one write per client
     */
    public StatusClientGroup(long maxPendingBytes, int socketSendBuffer, Duration batchWindow) {
        super("status-clients", GlobalEventExecutor.INSTANCE);
        this.maxPendingBytes = maxPendingBytes;
        this.socketSendBuffer = socketSendBuffer;
        this.batchWindow = batchWindow;
    }

    @Override
    public boolean add(Channel channel) {
        if (channel instanceof ServerChannel) {
            return false;
        }
        channel.config().setOption(ChannelOption.SO_SNDBUF, socketSendBuffer);
        boolean added = super.add(channel);
        if (added) {
            outboxOf(channel).register(channel);
            LOG.debug("Status client connected from {}", channel.remoteAddress());
            channel.closeFuture().addListener(f -> LOG.debug("Status client {} disconnected", channel.remoteAddress()));
        }
        return added;
    }

    /** Sends text (whole lines, each ending in a line break) to every client. */
    public void broadcast(String text) {
        if (isEmpty()) {
            return;
        }
        ByteBuf bytes = Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
        try {
            outboxes.values().forEach(outbox -> outbox.broadcast(bytes.retainedDuplicate()));
        } finally {
            bytes.release();
        }
    }

    /** Sends a reply to one client, after the events already queued for it. */
    public void reply(Channel client, String text) {
        outboxOf(client).send(client, Unpooled.copiedBuffer(text, StandardCharsets.UTF_8), false);
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
        return outboxes.computeIfAbsent(client.eventLoop(),
                loop -> new LoopOutbox(loop, maxPendingBytes, batchWindow, slowClientsDropped));
    }

    /** How many clients were cut off for not reading. */
    public long slowClientsDropped() {
        return slowClientsDropped.get();
    }
}
