package io.presencehub.asterisk;

import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;

/**
 * {@code ami:setvar}: body {@link PresenceWrite} in, {@link AsteriskWriteOutcome} out, or {@link DeviceWrite} in,
 * {@link DeviceWriteOutcome} out; never throws for AMI trouble.
 */
final class AmiProducer extends DefaultProducer {

    private final AsteriskLink link;

    AmiProducer(AmiEndpoint endpoint, AsteriskLink link) {
        super(endpoint);
        this.link = link;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        if (exchange.getIn().getBody() instanceof DeviceWrite device) {
            exchange.getIn().setBody(link.write(device));
            return;
        }
        PresenceWrite write = exchange.getIn().getMandatoryBody(PresenceWrite.class);
        exchange.getIn().setBody(link.write(write));
    }
}
