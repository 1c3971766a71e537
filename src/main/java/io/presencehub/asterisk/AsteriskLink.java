package io.presencehub.asterisk;

import java.time.Clock;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The hub's AMI link as Camel sees it: reports from Asterisk enter the routes at
 * {@code direct:asterisk-presence} / {@code direct:asterisk-snapshot}; the {@code asterisk-writer} route sends
 * writes with {@link #write}. Started by the {@code asterisk-connect} route once the routes run; stopped with the
 * CamelContext.
 */
public final class AsteriskLink extends ServiceSupport {

    public static final String PRESENCE = "direct:asterisk-presence";
    public static final String SNAPSHOT = "direct:asterisk-snapshot";

    private final CamelContext context;
    private final AmiConnection connection;
    private final AsteriskInbox inbox;
    private volatile ProducerTemplate template;

    public AsteriskLink(CamelContext context, AsteriskSettings settings, AsteriskEchoes echoes, AsteriskWriter writer, Clock clock) {
        this.context = context;
        this.inbox = new AsteriskInbox(echoes, clock, item -> template().sendBody(PRESENCE, item),
                snapshot -> template().sendBody(SNAPSHOT, snapshot), writer::hasPending);
        this.connection = new AmiConnection(settings, inbox::offer, inbox::offerSnapshot);
        connection.beforeLogin(writer::pause);
    }

    /**
     * Starts the inbox and the AMI connection (which connects in the background), and
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
        inbox.start();
        connection.start();
    }

    @Override
    protected void doStop() {
        connection.stop();
        inbox.stop();
    }

    /**
     * The route {@code asterisk-writer}: sends one Setvar and tells what became of it. Runs on the route's thread,
     * never on asterisk-java's event thread (it waits for Asterisk's answer).
     */
    public AsteriskWriteOutcome write(PresenceWrite write) {
        try {
            connection.write(write.presentity(), write.state(), write.subtype(), write.message());
            return AsteriskWriteOutcome.written(write);
        } catch (AmiNotConnectedException e) {
            return new AsteriskWriteOutcome(write, AsteriskWriteOutcome.Result.NOT_CONNECTED, e.getMessage());
        } catch (RuntimeException e) {
            return new AsteriskWriteOutcome(write, AsteriskWriteOutcome.Result.FAILED, e.getMessage());
        }
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
