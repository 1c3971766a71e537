package io.presencehub.asterisk;

import org.asteriskjava.manager.action.AbstractManagerAction;
import org.asteriskjava.manager.action.EventGeneratingAction;
import org.asteriskjava.manager.event.ResponseEvent;

/** asterisk-java action {@code Action: DeviceStateList}: one DeviceStateChange per device that has a state. */
public class DeviceStateListAction extends AbstractManagerAction implements EventGeneratingAction {
    private static final long serialVersionUID = 1L;

    @Override
    public String getAction() {
        return "DeviceStateList";
    }

    @Override
    public Class<? extends ResponseEvent> getActionCompleteEventClass() {
        return DeviceStateListCompleteEvent.class;
    }
}
