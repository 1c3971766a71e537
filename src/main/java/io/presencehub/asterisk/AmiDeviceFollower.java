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
    private final AmiListFollower<DeviceState> list = new AmiListFollower<>("DeviceStateList", LOG);

    AmiDeviceFollower(DeviceReports reports) {
        this.reports = reports;
    }

    /** Event thread: takes the event if it is about device states; returns whether it was. Never blocks. */
    boolean handles(ManagerEvent event) {
        if (event instanceof DeviceStateListCompleteEvent complete) {
            list.complete(complete, reports::listed);
            return true;
        }
        if (!(event instanceof DeviceStateChangeEvent change)) {
            return false;
        }
        Optional<DeviceState> state = DeviceState.parse(change.getState());
        if (change.getDevice() == null || state.isEmpty()) {
            LOG.debug("DeviceStateChange ignored: device {} state {}", change.getDevice(), change.getState());
        } else {
            list.change(change.getActionId(), change.getDevice(), state.get(), reports::changed,
                    "AMI device state consumer failed");
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
        try {
            list.run(connection, new DeviceStateListAction(), actionId, timeoutMs);
            return Optional.empty();
        } catch (AmiRejectedException e) {
            return Optional.of("AMI refused DeviceStateList (" + e.asteriskMessage()
                    + "): call state from the phones is off until the next login");
        }
    }

    /** A new login begins: writes wait for its list. */
    void forgetList() {
        list.forgetList();
    }

    /** Whether the list of the current login has been handed over. */
    boolean listed() {
        return list.listed();
    }
}
