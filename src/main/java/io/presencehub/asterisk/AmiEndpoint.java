package io.presencehub.asterisk;

import java.util.Locale;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;

/**
 * {@code ami:presence} and {@code ami:devices} (consumers only) or {@code ami:setvar} (producer only), all on the
 * one shared link.
 */
public final class AmiEndpoint extends DefaultEndpoint {

    /** What an endpoint does. */
    enum Kind {
        PRESENCE, DEVICES, SETVAR;

        static Kind parse(String remaining) {
            try {
                return valueOf(remaining.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("ami:" + remaining + " is not an AMI endpoint: use ami:presence, ami:devices or ami:setvar", e);
            }
        }
    }

    private final Kind kind;
    private final AsteriskLink link;

    AmiEndpoint(String uri, AmiComponent component, Kind kind, AsteriskLink link) {
        super(uri, component);
        this.kind = kind;
        this.link = link;
    }

    @Override
    public Producer createProducer() {
        if (kind != Kind.SETVAR) {
            throw new IllegalArgumentException(getEndpointUri() + " only receives; send with ami:setvar");
        }
        return new AmiProducer(this, link);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        AmiConsumer consumer = switch (kind) {
            case PRESENCE -> AmiConsumer.presence(this, processor, link);
            case DEVICES -> AmiConsumer.devices(this, processor, link);
            case SETVAR -> throw new IllegalArgumentException(getEndpointUri()
                    + " only sends; receive with ami:presence or ami:devices");
        };
        configureConsumer(consumer);
        return consumer;
    }
}
