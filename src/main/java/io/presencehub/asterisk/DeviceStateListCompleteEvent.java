package io.presencehub.asterisk;

/** asterisk-java event class for {@code Event: DeviceStateListComplete}, the end of a DeviceStateList. */
public class DeviceStateListCompleteEvent extends AmiListCompleteEvent {
    private static final long serialVersionUID = 1L;

    public DeviceStateListCompleteEvent(Object source) {
        super(source);
    }
}
