package io.presencehub.asterisk;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;

/**
 * {@code ami:presence}: starts the AMI link with its route (logins on the thread {@code ami-supervisor}) and stops it
 * with the route, and feeds the route from the coalescing {@link AsteriskInbox} on the thread {@code asterisk-inbox},
 * one report per exchange, in Asterisk's order; both threads come from Camel's ExecutorServiceManager. Header {@value #REPORT} tells a live
 * change ({@code change}, body {@link AsteriskInbox.Item}) from the list after a login ({@code snapshot}, body
 * {@link AsteriskInbox.Snapshot}). The AMI reader never waits for the route: it only fills the inbox.
 */
final class AmiConsumer extends DefaultConsumer {

    static final String REPORT = "AsteriskReport";
    /** How long one wait for a report lasts, so that a stop is noticed. */
    private static final Duration WAIT = Duration.ofMillis(200);

    private final AsteriskLink link;
    private volatile boolean running;
    private ExecutorService executor;

    AmiConsumer(AmiEndpoint endpoint, Processor processor, AsteriskLink link) {
        super(endpoint, processor);
        this.link = link;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        running = true;
        executor = getEndpoint().getCamelContext().getExecutorServiceManager()
                .newSingleThreadExecutor(this, "asterisk-inbox");
        executor.submit(this::handOver);
        link.start(getEndpoint().getCamelContext().getExecutorServiceManager()
                .newSingleThreadExecutor(this, "ami-supervisor"));
    }

    @Override
    protected void doStop() throws Exception {
        link.stop();
        running = false;
        if (executor != null) {
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdownGraceful(executor);
            executor = null;
        }
        link.inbox().idle();
        super.doStop();
    }

    private void handOver() {
        while (running) {
            try {
                link.inbox().handOver(this::deliver, WAIT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void deliver(AsteriskInbox.Report report) {
        Exchange exchange = createExchange(false);
        try {
            exchange.getIn().setBody(report);
            exchange.getIn().setHeader(REPORT, report instanceof AsteriskInbox.Snapshot ? "snapshot" : "change");
            getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        if (exchange.getException() != null) {
            getExceptionHandler().handleException("Asterisk presence report " + report + " could not be handled",
                    exchange, exchange.getException());
        }
        releaseExchange(exchange, false);
    }
}
