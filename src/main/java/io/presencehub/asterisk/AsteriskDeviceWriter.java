package io.presencehub.asterisk;

import io.presencehub.calls.CallDevices;
import io.presencehub.decisions.DecisionLog;
import io.presencehub.decisions.World;
import io.presencehub.calls.CallListener;
import io.presencehub.calls.CallStates;
import io.presencehub.calls.DeviceState;
import io.presencehub.calls.TeamsCall;
import io.presencehub.model.UserKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Teams → Asterisk: keeps the hub's own Custom devices ({@code Custom:teams-2001}) showing each user's Teams call,
 * INUSE while {@link CallStates#teamsCall} is IN_CALL and NOT_INUSE when it is NONE; UNKNOWN (not read since the
 * start) writes nothing, so Asterisk keeps what astdb holds until Teams has been read. With Teams switched off nothing
 * will ever be read, so UNKNOWN means NOT_INUSE (every device left INUSE in astdb is released at login), and devices
 * of extensions that left the directory are released too, so that nobody is kept from calls by old state. Listens on the Teams side's thread and returns at once: the writes are
 * owed (latest per device, rules in {@link DeviceOwedWrites}) and sent by route {@code asterisk-device-writer}; after
 * every login the DeviceStateList shows what Asterisk holds and only what differs is written.
 */
public final class AsteriskDeviceWriter implements CallListener {

    private static final Logger LOG = LoggerFactory.getLogger(AsteriskDeviceWriter.class);

    private final CallStates calls;
    private final boolean teamsEnabled;
    private final Clock clock;
    private final DecisionLog decisions;
    private final Object lock = new Object();
    private final DeviceOwedWrites owed = new DeviceOwedWrites();
    private volatile Instant listedAt;

    /** @param teamsEnabled {@code hub.teams.enabled}: when false no Teams call will be read, so unknown means none */
    public AsteriskDeviceWriter(CallStates calls, boolean teamsEnabled, Clock clock, DecisionLog decisions) {
        this.decisions = decisions;
        this.calls = calls;
        this.teamsEnabled = teamsEnabled;
        this.clock = clock;
    }

    @Override
    public void teamsCallChanged(UserKey user, TeamsCall call) {
        CallDevices devices = calls.devices();
        synchronized (lock) {
            // read back: two reports for one user may race to this listener
            devices.teamsDevicesOf(user).forEach(device -> owed.want(device, wanted(user)));
        }
        if (call == TeamsCall.IN_CALL) {
            // only the start: every user's first read (or none) ends an unknown call, which is no news
            decisions.record(World.CALLS, user, "in a Teams call: " + devices.teamsDevicesOf(user) + " set to INUSE");
        }
    }

    /** Live DeviceStateChanges (route asterisk-devices-in): what Asterisk now holds for the hub's devices. */
    public void observed(Map<String, DeviceState> changes) {
        CallDevices devices = calls.devices();
        synchronized (lock) {
            changes.forEach((device, state) -> {
                if (ours(devices, device) && owed.reported(device, state)) {
                    // someone else set it: put back what the hub wants
                    wantFor(devices, device);
                }
            });
        }
    }

    /** The DeviceStateList after a login: what differs from what the hub wants is owed; writing may start. */
    public void listed(Map<String, DeviceState> listing) {
        CallDevices devices = calls.devices();
        synchronized (lock) {
            Map<String, DeviceState> held = new HashMap<>();
            listing.forEach((device, state) -> {
                if (ours(devices, device)) {
                    held.put(device, state);
                }
            });
            owed.listed(held);
            wantAll(devices);
            owed.resume();
        }
        listedAt = clock.instant();
    }

    /** The directory's devices were assigned again (a reload): new devices get their value, removed ones are released. */
    public void reassigned() {
        CallDevices devices = calls.devices();
        synchronized (lock) {
            wantAll(devices);
        }
    }

    /** A login is coming: nothing is written until its device list has been taken into account. */
    public void pause() {
        synchronized (lock) {
            owed.pause();
        }
    }

    /** Route asterisk-device-writer: the Setvars owed now. */
    public List<DeviceWrite> dueWrites() {
        synchronized (lock) {
            return owed.due();
        }
    }

    /** Route asterisk-device-writer: Asterisk's answer to one write of {@link #dueWrites()}. */
    public void onOutcome(DeviceWriteOutcome outcome) {
        boolean firstRefusal;
        synchronized (lock) {
            firstRefusal = owed.answered(outcome.write(), outcome.result());
        }
        switch (outcome.result()) {
            case WRITTEN -> LOG.debug("Asterisk device {} set to {}", outcome.write().device(), outcome.write().state());
            case NOT_CONNECTED -> LOG.info("Asterisk device {} postponed until AMI is back: {}",
                    outcome.write().device(), outcome.detail());
            case FAILED -> {
                if (firstRefusal) {
                    LOG.error("Asterisk refused to set device {} to {}: {} (not retried until the wanted state changes)",
                            outcome.write().device(), outcome.write().state(), outcome.detail());
                }
            }
        }
    }

    /**
     * A clean stop, before the AMI logoff: every device of the hub's that Asterisk holds INUSE is set NOT_INUSE, for at
     * most {@code budget}; what could not be released is logged (Asterisk keeps it in astdb until the next start).
     */
    public void releaseAll(Consumer<DeviceWrite> setvar, Duration budget) {
        List<String> inUse;
        synchronized (lock) {
            inUse = owed.inUse();
        }
        Instant deadline = clock.instant().plus(budget);
        List<String> left = new ArrayList<>();
        for (String device : inUse) {
            DeviceWrite release = new DeviceWrite(device, DeviceState.NOT_INUSE);
            try {
                if (clock.instant().isAfter(deadline)) {
                    throw new AmiNotConnectedException("no time left");
                }
                setvar.accept(release);
                synchronized (lock) {
                    owed.answered(release, AsteriskWriteOutcome.Result.WRITTEN);
                }
            } catch (RuntimeException e) {
                left.add(device + " (" + e.getMessage() + ")");
            }
        }
        if (!left.isEmpty()) {
            LOG.warn("Stopping: could not release the Teams devices {}; Asterisk shows them in use until the hub"
                    + " starts again", left);
        }
    }

    /** Device writes owed or unanswered (health). */
    public int pendingCount() {
        synchronized (lock) {
            return owed.size();
        }
    }

    /** When the device list of the last login was taken into account; empty before the first. */
    public Optional<Instant> listedAt() {
        return Optional.ofNullable(listedAt);
    }

    /** One of the hub's Teams devices, now or before a reload (phones and other devices are never written). */
    private boolean ours(CallDevices devices, String device) {
        return devices.isTeamsDevice(device) || owed.knows(device);
    }

    private void wantAll(CallDevices devices) {
        for (String device : owed.known()) {
            wantFor(devices, device);
        }
        devices.teamsDevices().keySet().forEach(device -> wantFor(devices, device));
    }

    /** A device of the current directory shows its user's Teams call; a former one is released. */
    private void wantFor(CallDevices devices, String device) {
        UserKey user = devices.teamsDevices().get(device);
        owed.want(device, user == null ? DeviceState.NOT_INUSE : wanted(user));
    }

    private DeviceState wanted(UserKey user) {
        return switch (calls.teamsCall(user)) {
            case IN_CALL -> DeviceState.INUSE;
            case NONE -> DeviceState.NOT_INUSE;
            case UNKNOWN -> teamsEnabled ? null : DeviceState.NOT_INUSE;
        };
    }
}
