package io.presencehub.asterisk;

/** asterisk-java event class for {@code Event: PresenceStateListComplete}, the end of a PresenceStateList. */
public class PresenceStateListCompleteEvent extends AmiListCompleteEvent {
    private static final long serialVersionUID = 1L;

    public PresenceStateListCompleteEvent(Object source) {
        super(source);
    }
}
