package io.presencehub.asterisk;

import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/**
 * The hub's AMI component (the shape of camel-asterisk, but one login for consumer and producer, and the presence
 * events and actions the hub needs): {@code ami:presence} delivers Asterisk's presence reports, coalesced per
 * presentity, and the snapshot after every login; {@code ami:setvar} sends one {@link PresenceWrite} as
 * {@code Setvar PRESENCE_STATE} and answers with its {@link AsteriskWriteOutcome}.
 */
public final class AmiComponent extends DefaultComponent {

    private final AsteriskLink link;

    public AmiComponent(AsteriskLink link) {
        this.link = link;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
        return new AmiEndpoint(uri, this, AmiEndpoint.Kind.parse(remaining), link);
    }
}
