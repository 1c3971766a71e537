package io.presencehub.asterisk;

import java.time.Clock;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The hub's AMI link as Camel sees it: reports from Asterisk enter the routes at
 * {@code direct:asterisk-presence} / {@code direct:asterisk-snapshot}; writes leave through
 * {@code direct:asterisk-write}, whose route calls {@link #write}. Started by the
 * {@code asterisk-connect} route once the routes run; stopped with the CamelContext.
 */
public final class AsteriskLink extends ServiceSupport implements PresenceSink {

    public static final String PRESENCE = "direct:asterisk-presence";
    public static final String SNAPSHOT = "direct:asterisk-snapshot";
    public static final String WRITE = "direct:asterisk-write";

    private final CamelContext context;
    private final AmiConnection connection;
    private final AsteriskInbox inbox;
    private final AsteriskWriter writer;
    private volatile ProducerTemplate template;

    public AsteriskLink(CamelContext context, AsteriskSettings settings, AsteriskEchoes echoes, AsteriskWriter writer, Clock clock) {
        this.context = context;
        this.writer = writer;
        this.inbox = new AsteriskInbox(echoes, clock, item -> template().sendBody(PRESENCE, item),
                snapshot -> template().sendBody(SNAPSHOT, snapshot), writer::hasPending);
        this.connection = new AmiConnection(settings, inbox::offer, inbox::offerSnapshot);
        connection.beforeLogin(writer::pause);
    }

    /**
     * Starts the writer, the inbox and the AMI connection (which connects in the background), and
     * stops them with the CamelContext. Started by a route, not as a context service, so that only
     * the bean bound under {@code asteriskLink} ever connects.
     */
    public void start() {
        if (isStarted()) {
            return;
        }
        super.start();
        try {
            context.addService(this, true, false);
        } catch (Exception e) {
            throw new IllegalStateException("cannot register the AMI link for shutdown", e);
        }
    }

    @Override
    protected void doStart() {
        writer.start();
        inbox.start();
        connection.start();
    }

    @Override
    protected void doStop() {
        connection.stop();
        inbox.stop();
        writer.stop();
    }

    /** The route {@code asterisk-write}: sends one Setvar; throws what {@link AmiConnection#write} throws. */
    public void write(PresenceWrite write) {
        connection.write(write.presentity(), write.state(), write.subtype(), write.message());
    }

    /** The writer's sink: through the {@code asterisk-write} route, with the route's exception unwrapped. */
    public PresenceSink viaRoute() {
        return w -> {
            try {
                template().sendBody(WRITE, w);
            } catch (CamelExecutionException e) {
                if (e.getCause() instanceof RuntimeException cause) {
                    throw cause;
                }
                throw e;
            }
        };
    }

    public AmiConnection connection() {
        return connection;
    }

    public AsteriskInbox inbox() {
        return inbox;
    }

    private ProducerTemplate template() {
        ProducerTemplate current = template;
        if (current == null) {
            synchronized (this) {
                if (template == null) {
                    template = context.createProducerTemplate();
                }
                current = template;
            }
        }
        return current;
    }
}
