package io.presencehub.asterisk;

import io.presencehub.calls.DeviceState;
import java.util.Map;

/**
 * Where {@link AmiConnection} hands Asterisk's device states, on asterisk-java's event thread and in Asterisk's
 * order: implementations only record and return (in the hub: {@link AsteriskDeviceInbox}).
 */
public interface DeviceReports {

    /** Devices are not followed: no DeviceStateList is run. */
    DeviceReports NONE = new DeviceReports() {
        @Override
        public void changed(String device, DeviceState state) {
        }

        @Override
        public void listed(Map<String, DeviceState> devices) {
        }
    };

    /** A live DeviceStateChange. */
    void changed(String device, DeviceState state);

    /** The DeviceStateList after a login: every device Asterisk holds a state for; others have none. */
    void listed(Map<String, DeviceState> devices);
}
