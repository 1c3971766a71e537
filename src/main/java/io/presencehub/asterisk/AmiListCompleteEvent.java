package io.presencehub.asterisk;

import org.asteriskjava.manager.event.ResponseEvent;

/** The fields every {@code ...ListComplete} event of a list action has: {@code EventList} and {@code ListItems}. */
public abstract class AmiListCompleteEvent extends ResponseEvent {
    private static final long serialVersionUID = 1L;

    private String eventList;
    private Integer listItems;

    protected AmiListCompleteEvent(Object source) {
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
