package io.presencehub.asterisk;

import java.time.Clock;
import java.util.concurrent.ExecutorService;

/**
 * The hub's one AMI login and what hangs on it: the {@link AmiConnection} (login, resync, Setvar) and the
 * {@link AsteriskInbox} it feeds. Consumer ({@code ami:presence}) and producer ({@code ami:setvar}) of the
 * {@link AmiComponent} share it, so the hub logs in once; the consumer starts and stops it with its route.
 */
public final class AsteriskLink {

    private final AmiConnection connection;
    private final AsteriskInbox inbox;
    private boolean started;

    public AsteriskLink(AsteriskSettings settings, AsteriskEchoes echoes, AsteriskWriter writer, Clock clock) {
        this.inbox = new AsteriskInbox(echoes, clock, writer::hasPending);
        this.connection = new AmiConnection(settings, inbox::offer, inbox::offerSnapshot);
        connection.beforeLogin(writer::pause);
    }

    /** Starts connecting in the background on {@code supervisor}; never throws because Asterisk is down. */
    public synchronized void start(ExecutorService supervisor) {
        if (!started) {
            started = true;
            connection.start(supervisor);
        }
    }

    /** Logs off; reports not handed over yet are dropped (the next login's snapshot brings them back). */
    public synchronized void stop() {
        if (started) {
            started = false;
            connection.stop();
        }
    }

    /**
     * The producer {@code ami:setvar}: sends one Setvar and tells what became of it. Runs on the route's thread,
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
}
