package io.presencehub.asterisk;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;

/**
 * {@code ami:presence} and {@code ami:devices}: feed their route from a coalescing inbox on a thread of their own
 * ({@code asterisk-inbox}: {@link AsteriskInbox}; {@code asterisk-devices}: {@link AsteriskDeviceInbox}), one report
 * per exchange, in Asterisk's order; the threads come from Camel's ExecutorServiceManager. {@code ami:presence} also
 * starts the AMI link with its route (logins on the thread {@code ami-supervisor}) and stops it with the route.
 * Header {@value #REPORT} tells a live change ({@code change}) from the list after a login ({@code snapshot}). The
 * AMI reader never waits for a route: it only fills the inboxes.
 */
final class AmiConsumer extends DefaultConsumer {

    static final String REPORT = "AsteriskReport";
    /** How long one wait for a report lasts, so that a stop is noticed. */
    private static final Duration WAIT = Duration.ofMillis(200);

    /** One wait on an inbox: hands what is waiting to {@code deliver}. */
    @FunctionalInterface
    interface HandOver {
        void handOver(Consumer<Object> deliver, Duration wait) throws InterruptedException;
    }

    private final AsteriskLink link;
    private final String threadName;
    private final HandOver inbox;
    private final boolean ownsLink;
    private volatile boolean running;
    private ExecutorService executor;

    private AmiConsumer(AmiEndpoint endpoint, Processor processor, AsteriskLink link, String threadName,
                        HandOver inbox, boolean ownsLink) {
        super(endpoint, processor);
        this.link = link;
        this.threadName = threadName;
        this.inbox = inbox;
        this.ownsLink = ownsLink;
    }

    /** {@code ami:presence}: presence reports; starts and stops the link. */
    static AmiConsumer presence(AmiEndpoint endpoint, Processor processor, AsteriskLink link) {
        return new AmiConsumer(endpoint, processor, link, "asterisk-inbox",
                (deliver, wait) -> link.inbox().handOver(deliver::accept, wait), true);
    }

    /** {@code ami:devices}: device state reports ({@link AsteriskDeviceInbox.Changes} and {@code Listing}). */
    static AmiConsumer devices(AmiEndpoint endpoint, Processor processor, AsteriskLink link) {
        return new AmiConsumer(endpoint, processor, link, "asterisk-devices",
                (deliver, wait) -> link.devices().handOver(deliver::accept, wait), false);
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        running = true;
        executor = getEndpoint().getCamelContext().getExecutorServiceManager()
                .newSingleThreadExecutor(this, threadName);
        executor.submit(this::handOver);
        if (ownsLink) {
            link.start(getEndpoint().getCamelContext().getExecutorServiceManager()
                    .newSingleThreadExecutor(this, "ami-supervisor"));
        }
    }

    @Override
    protected void doStop() throws Exception {
        if (ownsLink) {
            link.stop();
        }
        running = false;
        if (executor != null) {
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdownGraceful(executor);
            executor = null;
        }
        if (ownsLink) {
            link.inbox().idle();
        }
        super.doStop();
    }

    private void handOver() {
        while (running) {
            try {
                inbox.handOver(this::deliver, WAIT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void deliver(Object report) {
        Exchange exchange = createExchange(false);
        try {
            exchange.getIn().setBody(report);
            boolean list = report instanceof AsteriskInbox.Snapshot || report instanceof AsteriskDeviceInbox.Listing;
            exchange.getIn().setHeader(REPORT, list ? "snapshot" : "change");
            getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        if (exchange.getException() != null) {
            getExceptionHandler().handleException("Asterisk report " + report + " could not be handled",
                    exchange, exchange.getException());
        }
        releaseExchange(exchange, false);
    }
}
