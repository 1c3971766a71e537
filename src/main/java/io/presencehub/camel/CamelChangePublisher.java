package io.presencehub.camel;

import io.presencehub.model.DirectoryEvent;
import io.presencehub.model.StateChange;
import io.presencehub.sync.ChangePublisher;
import io.presencehub.sync.ExtensionReassignment;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.ProducerTemplate;

/**
 * Hands stored changes to the fan-out routes ({@code direct:} endpoints declared in
 * {@code presence-core.camel.yaml}), synchronously, so events of one user keep their order.
 */
public final class CamelChangePublisher implements ChangePublisher {

    public static final String STATE_CHANGED = "direct:state-changed";
    public static final String DIRECTORY_CHANGED = "direct:directory-changed";
    public static final String EXTENSION_REASSIGNED = "direct:extension-reassigned";

    private final CamelContext context;
    private volatile ProducerTemplate template;
    private volatile Endpoint stateChanged;
    private volatile Endpoint directoryChanged;
    private volatile Endpoint extensionReassigned;

    public CamelChangePublisher(CamelContext context) {
        this.context = context;
    }

    @Override
    public void stateChanged(StateChange change) {
        template().sendBody(stateChanged, change);
    }

    @Override
    public void directoryChanged(List<DirectoryEvent> events) {
        template().sendBody(directoryChanged, events);
    }

    @Override
    public void extensionReassigned(ExtensionReassignment reassignment) {
        template().sendBody(extensionReassigned, reassignment);
    }

    private ProducerTemplate template() {
        ProducerTemplate current = template;
        if (current == null) {
            synchronized (this) {
                if (template == null) {
                    // endpoints resolved once: resolving a URI on every change costs more than the send
                    stateChanged = context.getEndpoint(STATE_CHANGED);
                    directoryChanged = context.getEndpoint(DIRECTORY_CHANGED);
                    extensionReassigned = context.getEndpoint(EXTENSION_REASSIGNED);
                    template = context.createProducerTemplate();
                }
                current = template;
            }
        }
        return current;
    }
}
