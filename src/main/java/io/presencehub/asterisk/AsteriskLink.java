package io.presencehub.asterisk;

import io.presencehub.calls.DeviceState;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * The hub's one AMI login and what hangs on it: the {@link AmiConnection} (login, resync, Setvar) and the
 * {@link AsteriskInbox} it feeds. Consumer ({@code ami:presence}) and producer ({@code ami:setvar}) of the
 * {@link AmiComponent} share it, so the hub logs in once; the consumer starts and stops it with its route.
 */
public final class AsteriskLink {

    /** How long a clean stop may spend releasing the hub's devices before it logs off. */
    static final Duration RELEASE_BUDGET = Duration.ofSeconds(2);

    private final AmiConnection connection;
    private final AsteriskInbox inbox;
    private final AsteriskDeviceInbox devices = new AsteriskDeviceInbox();
    private final AsteriskWriter writer;
    private final AmiLinkStats stats;
    private AsteriskDeviceWriter deviceWriter;
    private boolean started;

    public AsteriskLink(AsteriskSettings settings, AsteriskEchoes echoes, AsteriskWriter writer, Clock clock) {
        this.inbox = new AsteriskInbox(echoes, clock, writer::hasPending);
        this.writer = writer;
        this.stats = new AmiLinkStats(clock);
        this.connection = new AmiConnection(settings, presence -> {
            stats.event();
            inbox.offer(presence);
        }, snapshot -> {
            stats.loggedIn();
            inbox.offerSnapshot(snapshot);
        });
        beforeLogin(writer::pause);
    }

    /** Every login attempt is also counted: the error that ended the previous one is kept for the admin page. */
    private void beforeLogin(Runnable action) {
        connection.beforeLogin(() -> {
            stats.loginAttempt(connection.lastError());
            action.run();
        });
    }

    /**
     * Follows device states too (call state), before {@link #start}: they fill {@link #devices()}, the device writer
     * pauses before every login, and a clean stop releases the devices it holds INUSE before logging off.
     */
    public synchronized void followDevices(AsteriskDeviceWriter deviceWriter) {
        this.deviceWriter = deviceWriter;
        connection.followDevices(new DeviceReports() {
            @Override
            public void changed(String device, DeviceState state) {
                stats.event();
                devices.changed(device, state);
            }

            @Override
            public void listed(Map<String, DeviceState> listing) {
                devices.listed(listing);
            }
        });
        beforeLogin(() -> {
            writer.pause();
            deviceWriter.pause();
        });
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
            if (deviceWriter != null) {
                deviceWriter.releaseAll(write -> connection.writeDeviceState(write.device(), write.state()), RELEASE_BUDGET);
            }
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

    /** The producer {@code ami:setvar} for a device: sends one Setvar DEVICE_STATE and tells what became of it. */
    public DeviceWriteOutcome write(DeviceWrite write) {
        try {
            connection.writeDeviceState(write.device(), write.state());
            return new DeviceWriteOutcome(write, AsteriskWriteOutcome.Result.WRITTEN, "");
        } catch (AmiNotConnectedException e) {
            return new DeviceWriteOutcome(write, AsteriskWriteOutcome.Result.NOT_CONNECTED, e.getMessage());
        } catch (RuntimeException e) {
            return new DeviceWriteOutcome(write, AsteriskWriteOutcome.Result.FAILED, e.getMessage());
        }
    }

    /** What the admin page shows about the link. */
    AmiLinkStats stats() {
        return stats;
    }

    public AmiConnection connection() {
        return connection;
    }

    public AsteriskInbox inbox() {
        return inbox;
    }

    /** The device states Asterisk reported, coalesced, for consumer {@code ami:devices}. */
    public AsteriskDeviceInbox devices() {
        return devices;
    }
}
