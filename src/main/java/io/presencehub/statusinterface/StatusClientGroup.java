package io.presencehub.statusinterface;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ServerChannel;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every connected status client. camel-netty adds each accepted channel here; events are written
 * to all of them. A client that stops reading is cut off once more than {@code maxPendingBytes}
 * wait to be sent to it, so it can never hold memory or slow the others.
 */
public final class StatusClientGroup extends DefaultChannelGroup {

    private static final Logger LOG = LoggerFactory.getLogger(StatusClientGroup.class);

    /** Marks a client being closed for not reading, so it is counted and closed once. */
    private static final AttributeKey<Boolean> CUT_OFF = AttributeKey.valueOf("presencehub.cutOff");

    private final long maxPendingBytes;
    private final AtomicLong slowClientsDropped = new AtomicLong();

    private final int socketSendBuffer;

    /**
     * @param maxPendingBytes  unsent bytes a client may have queued in the hub before it is cut off
     * @param socketSendBuffer the kernel send buffer of each client socket; without it the kernel
     *                         grows it to megabytes and hides a client that stopped reading
     */
    public StatusClientGroup(long maxPendingBytes, int socketSendBuffer) {
        super("status-clients", GlobalEventExecutor.INSTANCE);
        this.maxPendingBytes = maxPendingBytes;
        this.socketSendBuffer = socketSendBuffer;
    }

    @Override
    public boolean add(Channel channel) {
        if (channel instanceof ServerChannel) {
            return false;
        }
        channel.config().setOption(ChannelOption.SO_SNDBUF, socketSendBuffer);
        boolean added = super.add(channel);
        if (added) {
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
            for (Channel channel : this) {
                if (!channel.isActive() || channel.hasAttr(CUT_OFF)) {
                    continue;
                }
                if (pendingBytes(channel) > maxPendingBytes) {
                    channel.attr(CUT_OFF).set(Boolean.TRUE);
                    slowClientsDropped.incrementAndGet();
                    LOG.warn("Status client {} does not read its events ({} bytes waiting): disconnecting it",
                            channel.remoteAddress(), pendingBytes(channel));
                    channel.close();
                    continue;
                }
                channel.writeAndFlush(bytes.retainedDuplicate());
            }
        } finally {
            bytes.release();
        }
    }

    /** How many clients were cut off for not reading. */
    public long slowClientsDropped() {
        return slowClientsDropped.get();
    }

    private static long pendingBytes(Channel channel) {
        ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
        return buffer == null ? 0 : buffer.totalPendingWriteBytes();
    }
}
