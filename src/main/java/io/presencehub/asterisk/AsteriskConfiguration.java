package io.presencehub.asterisk;

import io.presencehub.camel.HubSettings;
import io.presencehub.directory.DirectoryService;
import io.presencehub.store.StateStore;
import io.presencehub.sync.PresenceApplier;
import java.time.Clock;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the Asterisk connector from its settings, in one place: the component {@code ami} (on the one
 * {@code asteriskLink}), the beans asteriskIncoming and asteriskWriter the {@code asterisk.camel.yaml} routes use,
 * and the health check. Called only when {@code hub.asterisk.enabled=true}; otherwise those routes are not loaded.
 */
public final class AsteriskConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(AsteriskConfiguration.class);

    private AsteriskConfiguration() {
    }

    /** Rows of earlier releases of the Asterisk kinds in the current form, before anything reads them. */
    static void upgradeStoredObservations(StateStore store) {
        for (String kind : new String[] {AsteriskObservation.KIND, AsteriskObservation.KIND_WRITTEN,
            AsteriskObservation.KIND_PENDING}) {
            store.upgradeObservations(kind, AsteriskObservationCodec::upgrade);
        }
    }

    public static void configure(CamelContext context, HubSettings settings, StateStore store, DirectoryService directory,
                          PresenceApplier applier, Clock clock) {
        AsteriskStateMapper.checkKeys(context.getPropertiesComponent().loadProperties(
                key -> key.startsWith(AsteriskStateMapper.OUTGOING_PREFIX) || key.startsWith(AsteriskStateMapper.INCOMING_PREFIX))
                .stringPropertyNames());
        upgradeStoredObservations(store);
        AsteriskSettings asterisk = AsteriskSettings.from(settings);
        AsteriskEchoes echoes = new AsteriskEchoes();
        AsteriskWriter writer = new AsteriskWriter(new AsteriskWriteResolver(asterisk), directory, applier::current, store,
                echoes, clock);
        AsteriskLink link = new AsteriskLink(asterisk, echoes, writer, clock);
        AsteriskReader incoming = new AsteriskReader(asterisk, directory, applier, store, writer);
        link.inbox().onIdle(incoming::flushObservations);
        directory.addReloadListener(writer::directoryReloaded);

        context.addComponent("ami", new AmiComponent(link));
        context.getRegistry().bind("asteriskLink", link);
        context.getRegistry().bind("asteriskWriter", writer);
        context.getRegistry().bind("asteriskIncoming", incoming);
        context.getRegistry().bind("asteriskHealthCheck", new AsteriskHealth(link.connection()));
        LOG.info("Asterisk sync: {}", asterisk);
    }
}
