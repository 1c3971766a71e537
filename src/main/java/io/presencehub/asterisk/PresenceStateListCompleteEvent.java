package io.presencehub.asterisk;

import org.asteriskjava.manager.event.ResponseEvent;

/** asterisk-java event class for {@code Event: PresenceStateListComplete}, the end of a PresenceStateList. */
public class PresenceStateListCompleteEvent extends ResponseEvent {
    private static final long serialVersionUID = 1L;

    private String eventList;
    private Integer listItems;

    public PresenceStateListCompleteEvent(Object source) {
        super(source);
    }

    public String getEventList() {
        return eventList;
    }

    public void setEventList(String eventList) {
        this.eventList = eventList;
    }

    public Integer getListItems() {
        return listItems;
    }

    public void setListItems(Integer listItems) {
        this.listItems = listItems;
    }
}
