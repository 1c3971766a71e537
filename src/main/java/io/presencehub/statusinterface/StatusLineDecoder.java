package io.presencehub.statusinterface;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.io.IOException;
import java.util.List;
import org.apache.camel.component.netty.ChannelHandlerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Netty decoder of the status server: one {@link StatusLineFramer} per connection, emitting
 * {@link InboundLine}s. Used as a {@link ChannelHandlerFactory} so camel-netty makes one per channel.
 *
 * <p>A client may close its sending side after its commands, as scripts do ({@code printf … | nc -N}):
 * the connection stays open for the replies, a last line without line break still counts, and
 * {@link InboundLine#END_OF_INPUT} follows the lines so the connection is closed once they are
 * answered. A peer that resets the connection is normal for a network server: one DEBUG line.
 */
public final class StatusLineDecoder extends ByteToMessageDecoder implements ChannelHandlerFactory {

    private static final Logger LOG = LoggerFactory.getLogger(StatusLineDecoder.class);

    private final int maxLineBytes;
    private final StatusLineFramer framer;
    private boolean inputShutDown;
    private boolean ended;

    public StatusLineDecoder(int maxLineBytes) {
        this.maxLineBytes = maxLineBytes;
        this.framer = new StatusLineFramer(maxLineBytes);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        // before the first read, so that even a FIN arriving with the first command leaves the channel open
        ctx.channel().config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        byte[] bytes = new byte[in.readableBytes()];
        in.readBytes(bytes);
        out.addAll(framer.feed(bytes));
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof ChannelInputShutdownEvent) {
            inputShutDown = true;
        }
        super.userEventTriggered(ctx, event);
    }

    /** Called when the input ends: by the client's FIN (half-close), or when the connection is gone. */
    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (in.isReadable()) {
            decode(ctx, in, out);
        }
        if (inputShutDown && !ended) {
            ended = true;
            out.addAll(framer.finish());
            out.add(InboundLine.END_OF_INPUT);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) throws Exception {
        if (cause instanceof IOException) {
            LOG.debug("Status client {} connection lost: {}", ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
            return;
        }
        super.exceptionCaught(ctx, cause);
    }

    @Override
    public ChannelHandler newChannelHandler() {
        return new StatusLineDecoder(maxLineBytes);
    }
}
