package io.presencehub.asterisk;

import org.asteriskjava.manager.action.AbstractManagerAction;

/** asterisk-java action {@code Action: PresenceState} asking for one provider's current presence. */
public class PresenceStateAction extends AbstractManagerAction {
    private static final long serialVersionUID = 1L;

    private String provider;

    public PresenceStateAction() {
    }

    public PresenceStateAction(String provider) {
        this.provider = provider;
    }

    @Override
    public String getAction() {
        return "PresenceState";
    }

    public String getProvider() {
        return provider;
    }

    public void setProvider(String provider) {
        this.provider = provider;
    }
}
