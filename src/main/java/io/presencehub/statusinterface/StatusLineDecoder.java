package io.presencehub.statusinterface;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import org.apache.camel.component.netty.ChannelHandlerFactory;

/**
 * Netty decoder of the status server: one {@link StatusLineFramer} per connection, emitting
 * {@link InboundLine}s. Used as a {@link ChannelHandlerFactory} so camel-netty makes one per channel.
 */
public final class StatusLineDecoder extends ByteToMessageDecoder implements ChannelHandlerFactory {

    private final int maxLineBytes;
    private final StatusLineFramer framer;

    public StatusLineDecoder(int maxLineBytes) {
        this.maxLineBytes = maxLineBytes;
        this.framer = new StatusLineFramer(maxLineBytes);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        byte[] bytes = new byte[in.readableBytes()];
        in.readBytes(bytes);
        out.addAll(framer.feed(bytes));
    }

    @Override
    public ChannelHandler newChannelHandler() {
        return new StatusLineDecoder(maxLineBytes);
    }
}
