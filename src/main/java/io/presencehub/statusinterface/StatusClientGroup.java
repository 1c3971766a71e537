package io.presencehub.statusinterface;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ServerChannel;
import io.netty.channel.group.DefaultChannelGroup;
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

    private final long maxPendingBytes;
    private final AtomicLong slowClientsDropped = new AtomicLong();

    public StatusClientGroup(long maxPendingBytes) {
        super("status-clients", GlobalEventExecutor.INSTANCE);
        this.maxPendingBytes = maxPendingBytes;
    }

    @Override
    public boolean add(Channel channel) {
        if (channel instanceof ServerChannel) {
            return false;
        }
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
                if (!channel.isActive()) {
                    continue;
                }
                if (pendingBytes(channel) > maxPendingBytes) {
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
