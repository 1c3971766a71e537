package io.presencehub.bench;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The floor the hub's fan-out is measured against: a bare Netty server (the hub's Netty, the
 * transport and thread count camel-netty gives the hub) that turns each
 * {@code set_extension_note@#…} line into the event line the hub would send for it and writes that
 * one buffer to every client — no parsing, no store, no rules: a writeAndFlush per client and
 * event — then answers the sender with the empty line. What the hub takes beyond this is the hub's
 * own cost.
 *
 * <p>Two things keep this a floor rather than a straw man (both measured: without them it falls
 * seconds behind at 1,000 events/s to 200 clients on two cores, 200,000 writes/s). The event is
 * handed to each event loop once and written there to that loop's clients: a writeAndFlush from
 * another thread costs a task and a wake-up per client. And Netty's own
 * {@link FlushConsolidationHandler} lets writes that queued up while the loop was busy share one
 * system call, with no time window: an event on an idle loop is flushed at once.
 */
final class BareBroadcaster implements AutoCloseable {

    private static final ByteBuf COMMAND = constant("set_extension_note");
    private static final ByteBuf EVENT = constant("ExtensionNoteUpdatedEvent");
    private static final ByteBuf REPLY = constant("\n");
    private static final ByteBuf NOT_A_NOTE = constant("Error: the bare broadcaster takes set_extension_note only\n");
    /** As the hub's {@code hub.status.socket-send-buffer}. */
    private static final int SEND_BUFFER = 65536;
    private static final int MAX_LINE = 8192;

    private final EventLoopGroup boss = new NioEventLoopGroup(1);
    private final EventLoopGroup workers = new NioEventLoopGroup(); // 2 × cores, camel-netty's default too
    private final ChannelGroup clients = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    /** The clients of each event loop, written only from that loop. */
    private final Map<EventExecutor, Set<Channel>> clientsByLoop = new ConcurrentHashMap<>();
    private final Channel server;

    private BareBroadcaster() throws InterruptedException {
        server = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_SNDBUF, SEND_BUFFER)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        clients.add(channel);
                        Set<Channel> ofLoop = clientsByLoop.computeIfAbsent(channel.eventLoop(),
                                loop -> ConcurrentHashMap.newKeySet());
                        ofLoop.add(channel);
                        channel.closeFuture().addListener(closed -> ofLoop.remove(channel));
                        channel.pipeline().addLast(new FlushConsolidationHandler(
                                FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES, true),
                                new LineBasedFrameDecoder(MAX_LINE), new Broadcast());
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
    }

    /** Binds a free loopback port. */
    static BareBroadcaster start() throws InterruptedException {
        return new BareBroadcaster();
    }

    InetSocketAddress address() {
        return (InetSocketAddress) server.localAddress();
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        clients.close().syncUninterruptibly();
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** A shared direct buffer that writes never release (each write takes a duplicate). */
    private static ByteBuf constant(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        return Unpooled.unreleasableBuffer(Unpooled.directBuffer(bytes.length).writeBytes(bytes));
    }

    /** One line in: the same event out to every client, one shared buffer, then the empty-line reply. */
    private final class Broadcast extends SimpleChannelInboundHandler<ByteBuf> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf line) {
            int command = COMMAND.readableBytes();
            int rest = line.readableBytes() - command;
            if (rest < 0 || !ByteBufUtil.equals(line, line.readerIndex(), COMMAND, 0, command)) {
                ctx.writeAndFlush(NOT_A_NOTE.duplicate());
                return;
            }
            // the hub's event for a note is the command's fields under the event's name
            ByteBuf event = ctx.alloc().directBuffer(EVENT.readableBytes() + rest + 1);
            event.writeBytes(EVENT, 0, EVENT.readableBytes()).writeBytes(line, line.readerIndex() + command, rest)
                    .writeByte('\n');
            clientsByLoop.forEach((loop, ofLoop) -> {
                if (loop.inEventLoop()) {
                    writeToEach(ofLoop, event); // the sender's loop: its events before its reply
                } else {
                    event.retain();
                    loop.execute(() -> {
                        writeToEach(ofLoop, event);
                        event.release();
                    });
                }
            });
            event.release();
            ctx.writeAndFlush(REPLY.duplicate());
        }

        private void writeToEach(Set<Channel> ofLoop, ByteBuf event) {
            for (Channel client : ofLoop) {
                client.writeAndFlush(event.retainedDuplicate());
            }
        }
    }
}
