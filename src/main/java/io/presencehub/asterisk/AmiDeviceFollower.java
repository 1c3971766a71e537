package io.presencehub.asterisk;

import io.presencehub.calls.DeviceState;
import java.io.IOException;
import java.util.Optional;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.event.ManagerEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device-state half of {@link AmiConnection}: translates DeviceStateChange events (live, or items of the
 * DeviceStateList after a login) and hands them to the {@link DeviceReports} on asterisk-java's event thread, and runs
 * that list for the supervisor. With {@link DeviceReports#NONE} it follows nothing and runs no list.
 */
final class AmiDeviceFollower {

    private static final Logger LOG = LoggerFactory.getLogger(AmiDeviceFollower.class);

    private final DeviceReports reports;
    private volatile AmiListRun<DeviceState> list;
    /** Whether the list of the current login has been handed over: until then the owner must not write. */
    private volatile boolean listed;

    AmiDeviceFollower(DeviceReports reports) {
        this.reports = reports;
    }

    /** Event thread: takes the event if it is about device states; returns whether it was. Never blocks. */
    boolean handles(ManagerEvent event) {
        AmiListRun<DeviceState> running = list;
        if (event instanceof DeviceStateListCompleteEvent complete) {
            if (running != null && running.isFor(complete.getActionId())) {
                // before the hand-over: the owner may start writing as soon as it has taken the list
                listed = true;
                running.complete(complete, reports::listed);
            }
            return true;
        }
        if (!(event instanceof DeviceStateChangeEvent change)) {
            return false;
        }
        Optional<DeviceState> state = DeviceState.parse(change.getState());
        if (change.getDevice() == null || state.isEmpty()) {
            LOG.debug("DeviceStateChange ignored: device {} state {}", change.getDevice(), change.getState());
        } else if (change.getActionId() == null) {
            if (running != null) {
                running.live(change.getDevice(), state.get());
            }
            try {
                reports.changed(change.getDevice(), state.get());
            } catch (RuntimeException e) {
                LOG.error("AMI device state consumer failed", e);
            }
        } else if (running != null && running.isFor(change.getActionId())) {
            running.item(change.getDevice(), state.get());
        }
        return true;
    }

    /**
     * Supervisor thread: runs DeviceStateList and waits until it is handed over. A PBX that refuses the list does not
     * keep the link down (presence works without device states): that comes back as the problem to report.
     */
    Optional<String> resync(ManagerConnection connection, String actionId, long timeoutMs)
            throws IOException, InterruptedException {
        if (reports == DeviceReports.NONE) {
            return Optional.empty();
        }
        AmiListRun<DeviceState> run = new AmiListRun<>("DeviceStateList", actionId);
        list = run;
        try {
            run.run(connection, new DeviceStateListAction(), timeoutMs);
            return Optional.empty();
        } catch (AmiRejectedException e) {
            return Optional.of("AMI refused DeviceStateList (" + e.asteriskMessage()
                    + "): call state from the phones is off until the next login");
        } finally {
            list = null;
        }
    }

    /** A new login begins: writes wait for its list. */
    void forgetList() {
        listed = false;
    }

    /** Whether the list of the current login has been handed over. */
    boolean listed() {
        return listed;
    }
}
