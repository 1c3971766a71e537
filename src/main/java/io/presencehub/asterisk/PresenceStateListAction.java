package io.presencehub.asterisk;

import org.asteriskjava.manager.action.AbstractManagerAction;
import org.asteriskjava.manager.action.EventGeneratingAction;
import org.asteriskjava.manager.event.ResponseEvent;

/** asterisk-java action {@code Action: PresenceStateList}: one PresenceStateChange per known presentity. */
public class PresenceStateListAction extends AbstractManagerAction implements EventGeneratingAction {
    private static final long serialVersionUID = 1L;

    @Override
    public String getAction() {
        return "PresenceStateList";
    }

    @Override
    public Class<? extends ResponseEvent> getActionCompleteEventClass() {
        return PresenceStateListCompleteEvent.class;
    }
}
