package io.presencehub.asterisk;

import org.asteriskjava.manager.event.ResponseEvent;

/**
 * asterisk-java event class for Asterisk's {@code Event: PresenceStateChange}.
 *
 * <p>It extends {@link ResponseEvent} (a ManagerEvent) because PresenceStateList answers with the
 * same event carrying an ActionID: asterisk-java routes only ResponseEvents to the list action's
 * collector. Live changes carry no ActionID, so {@link #getActionId()} is null for them.
 * Subtype and message are still C-escaped here; {@link AsteriskPresenceTranslator} unescapes them.
 */
public class PresenceStateChangeEvent extends ResponseEvent {
    private static final long serialVersionUID = 1L;

    private String presentity;
    private String status;
    private AmiText subtype;
    private AmiText message;

    public PresenceStateChangeEvent(Object source) {
        super(source);
    }

    public String getPresentity() {
        return presentity;
    }

    public void setPresentity(String presentity) {
        this.presentity = presentity;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public AmiText getSubtype() {
        return subtype;
    }

    public void setSubtype(AmiText subtype) {
        this.subtype = subtype;
    }

    public AmiText getMessage() {
        return message;
    }

    public void setMessage(AmiText message) {
        this.message = message;
    }
}
