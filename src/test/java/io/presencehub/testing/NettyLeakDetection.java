package io.presencehub.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Netty's leak detection at PARANOID for every test class (registered like {@link SlowMachineTimeouts}), and a
 * test class fails when Netty reported a leaked buffer while it ran: {@code LoopOutbox} counts buffer references by
 * hand, and a miscount shows only as Netty's {@code LEAK:} ERROR line, which would otherwise pass unnoticed.
 * <p>
 * Netty reports a leak when it tracks a new buffer after the garbage collector found a lost one, so after each class
 * the collector runs and a few buffers are allocated to give it that chance. A leak found later still fails the
 * class that sees it, with the class it was first seen after named in the message.
 */
public final class NettyLeakDetection implements BeforeAllCallback, AfterAllCallback {

    private static final String DETECTOR_LOGGER = ResourceLeakDetector.class.getName();
    private static final List<String> REPORTS = new CopyOnWriteArrayList<>();
    private static boolean installed;

    @Override
    public void beforeAll(ExtensionContext context) {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        install();
        REPORTS.clear();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        for (int round = 0; round < 2 && REPORTS.isEmpty(); round++) {
            System.gc();
            System.runFinalization();
            allocateAndRelease(PooledByteBufAllocator.DEFAULT);
            allocateAndRelease(UnpooledByteBufAllocator.DEFAULT);
        }
        if (!REPORTS.isEmpty()) {
            String reports = REPORTS.stream().collect(Collectors.joining("\n\n"));
            REPORTS.clear();
            throw new AssertionError("Netty reported leaked buffers during or after "
                    + context.getDisplayName() + ":\n" + reports);
        }
    }

    private static void allocateAndRelease(ByteBufAllocator allocator) {
        for (int i = 0; i < 8; i++) {
            ByteBuf buffer = allocator.buffer(16);
            buffer.release();
            ByteBuf direct = allocator.directBuffer(16);
            direct.release();
        }
    }

    /** One appender for the JVM, on Netty's leak detector logger only. */
    private static synchronized void install() {
        if (installed) {
            return;
        }
        LoggerContext logging = (LoggerContext) LogManager.getContext(false);
        AbstractAppender appender = new AbstractAppender("netty-leaks", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                if (event.getLevel().isMoreSpecificThan(Level.ERROR) && DETECTOR_LOGGER.equals(event.getLoggerName())) {
                    REPORTS.add(event.getMessage().getFormattedMessage());
                }
            }
        };
        appender.start();
        logging.getConfiguration().getRootLogger().addAppender(appender, Level.ERROR, null);
        logging.updateLoggers();
        installed = true;
    }
}
