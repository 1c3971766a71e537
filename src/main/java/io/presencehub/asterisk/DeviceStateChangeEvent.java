package io.presencehub.asterisk;

import org.asteriskjava.manager.event.ResponseEvent;

/**
 * asterisk-java event class for Asterisk's {@code Event: DeviceStateChange}, registered in place of asterisk-java's
 * own (a plain ManagerEvent): DeviceStateList answers with the same event carrying an ActionID, and asterisk-java
 * routes only ResponseEvents to the list action's collector. Live changes carry no ActionID.
 */
public class DeviceStateChangeEvent extends ResponseEvent {
    private static final long serialVersionUID = 1L;

    private String device;
    private String state;

    public DeviceStateChangeEvent(Object source) {
        super(source);
    }

    public String getDevice() {
        return device;
    }

    public void setDevice(String device) {
        this.device = device;
    }

    public String getState() {
        return state;
    }

    public void setState(String state) {
        this.state = state;
    }
}
