package io.presencehub.statusinterface;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.EventLoop;
import io.netty.util.AttributeKey;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Events and replies waiting for the clients of one netty event loop.
 *
 * <p>Broadcasting hands each event to every loop once (not to every client). Events are written
 * to all clients of the loop in passes at most one {@code batchWindow} apart, so under load many
 * events share one system call per client. A reply goes out at once: its client is first caught
 * up on the events queued before it, so every client sees events and replies in the order they
 * happened. Each client keeps a cursor into the loop's event log; all state below except the
 * hand-over queue is touched only on the loop's thread.
 */
final class LoopOutbox {

    /** How far into the event log a client has been written. */
    private static final AttributeKey<long[]> CURSOR = AttributeKey.valueOf("presencehub.cursor");
    /** Marks a client that sent {@code exit}: it gets what was queued before, nothing after, then is closed. */
    static final AttributeKey<Boolean> EXITING = AttributeKey.valueOf("presencehub.exiting");
    /** How long an exiting client may take to read what was queued for it before it is closed regardless. */
    private static final long EXIT_GRACE_SECONDS = 10;

    private final EventLoop loop;
    private final BacklogLimit limit;
    private final long batchWindowNanos;

    private final Queue<Outgoing> handedOver = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainQueued = new AtomicBoolean();
    private final AtomicBoolean passScheduled = new AtomicBoolean();
    private volatile long lastPassNanos;

    private final Set<Channel> channels = new HashSet<>();
    private final Deque<LoggedEvent> log = new ArrayDeque<>();
    private long lastSequence;

    /** Text for every client of the loop ({@code target == null}) or for one, maybe closing it after. */
    private record Outgoing(Channel target, ByteBuf text, boolean closeAfter) {
    }

    private record LoggedEvent(long sequence, ByteBuf text) {
    }

    /**
     * @param batchWindow the shortest time between two event passes: an event after a quiet period
     *                    goes out at once, under load events wait at most this long
     */
    LoopOutbox(EventLoop loop, BacklogLimit limit, Duration batchWindow) {
        this.loop = loop;
        this.limit = limit;
        this.batchWindowNanos = batchWindow.toNanos();
        this.lastPassNanos = System.nanoTime() - batchWindowNanos;
    }

    /**
     * Starts delivering events to a client: those not yet handed to the loop when this runs, so a
     * client may also get an event from just before it connected, never miss one after.
     */
    void register(Channel channel) {
        loop.execute(() -> {
            channel.attr(CURSOR).set(new long[] {lastSequence});
            channels.add(channel);
            channel.closeFuture().addListener(f -> loop.execute(() -> channels.remove(channel)));
        });
    }

    /** Queues an event for every client of this loop; takes ownership of the buffer. */
    void broadcast(ByteBuf event) {
        handedOver.add(new Outgoing(null, event, false));
        if (passScheduled.compareAndSet(false, true)) {
            long wait = lastPassNanos + batchWindowNanos - System.nanoTime();
            if (wait <= 0) {
                loop.execute(this::pass);
            } else {
                loop.schedule(this::pass, wait, TimeUnit.NANOSECONDS);
            }
        }
    }

    /** Queues text for one client, behind the events queued before it, and sends it at once. */
    void send(Channel target, ByteBuf text, boolean closeAfter) {
        handedOver.add(new Outgoing(target, text, closeAfter));
        if (drainQueued.compareAndSet(false, true)) {
            loop.execute(this::drainHandedOver);
        }
    }

    /**
     * Writes every logged event to every client, then forgets them. The events of one pass are one
     * buffer shared by every client that had none of them yet (the usual case): one queued write per
     * client and pass, however many events the pass carries.
     */
    private void pass() {
        lastPassNanos = System.nanoTime();
        passScheduled.set(false);
        drainHandedOver();
        ByteBuf merged = merged();
        long loopPending = 0;
        try {
            for (Channel channel : channels) {
                if (catchUp(channel, merged)) {
                    channel.flush();
                }
                loopPending += BacklogLimit.pending(channel);
            }
        } finally {
            if (merged != null) {
                merged.release();
            }
            log.forEach(event -> event.text().release());
            log.clear();
        }
        limit.report(loop, loopPending);
    }

    /** The whole log as one buffer, or null when it is empty. */
    private ByteBuf merged() {
        if (log.isEmpty()) {
            return null;
        }
        if (log.size() == 1) {
            return log.peekFirst().text().retainedDuplicate();
        }
        int bytes = 0;
        for (LoggedEvent event : log) {
            bytes += event.text().readableBytes();
        }
        ByteBuf merged = ByteBufAllocator.DEFAULT.directBuffer(bytes);
        for (LoggedEvent event : log) {
            merged.writeBytes(event.text(), event.text().readerIndex(), event.text().readableBytes());
        }
        return merged;
    }

    /** Moves handed-over events into the log and sends handed-over replies right away. */
    private void drainHandedOver() {
        drainQueued.set(false);
        for (Outgoing next = handedOver.poll(); next != null; next = handedOver.poll()) {
            if (next.target() == null) {
                log.addLast(new LoggedEvent(++lastSequence, next.text()));
            } else {
                reply(next);
            }
        }
    }

    private void reply(Outgoing reply) {
        Channel channel = reply.target();
        try {
            catchUp(channel, null);
            if (reply.closeAfter()) {
                // close once everything written so far has reached the socket, not with it still queued
                channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
                ScheduledFuture<?> grace = channel.eventLoop().schedule(() -> {
                    channel.close();
                }, EXIT_GRACE_SECONDS, TimeUnit.SECONDS);
                channel.closeFuture().addListener(f -> grace.cancel(false));
                channels.remove(channel);
                return;
            }
            if (writable(channel)) {
                limit.answerQueued(channel, reply.text().readableBytes());
                channel.write(reply.text().retain(), channel.voidPromise());
            }
            channel.flush();
        } finally {
            reply.text().release();
        }
    }

    /**
     * Writes the logged events a client has not had yet; returns whether anything was written.
     * {@code merged}, when given, is the whole log as one buffer, for a client that had none of it.
     */
    private boolean catchUp(Channel channel, ByteBuf merged) {
        long[] cursor = channel.attr(CURSOR).get();
        if (cursor == null || log.isEmpty() || cursor[0] >= lastSequence || !writable(channel)) {
            return false;
        }
        if (merged != null && cursor[0] < log.peekFirst().sequence()) {
            channel.write(merged.retainedDuplicate(), channel.voidPromise());
        } else {
            for (LoggedEvent event : log) {
                if (event.sequence() > cursor[0]) {
                    channel.write(event.text().retainedDuplicate(), channel.voidPromise());
                }
            }
        }
        cursor[0] = lastSequence;
        return true;
    }

    private boolean writable(Channel channel) {
        return channel.isActive() && !limit.cutOffIfStalled(channel);
    }
}
