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
 * Creates and binds the Asterisk beans the {@code asterisk.camel.yaml} routes use: asteriskLink,
 * asteriskIncoming, asteriskWriter and the health check. Called only when
 * {@code hub.asterisk.enabled=true}; otherwise those routes do not start and an inert placeholder
 * stands in for the bean names.
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
        AsteriskSyncSettings sync = AsteriskSyncSettings.from(settings::presentText);
        AmiSettings ami = amiSettings(settings);
        AsteriskEchoes echoes = new AsteriskEchoes();
        AsteriskLink[] link = new AsteriskLink[1];
        AsteriskWriter writer = new AsteriskWriter(new AsteriskWriteResolver(sync), directory, applier::current, store, echoes,
                w -> link[0].viaRoute().write(w), clock);
        link[0] = new AsteriskLink(context, ami, echoes, writer, clock);
        AsteriskReader incoming = new AsteriskReader(sync, directory, applier, store, writer);
        link[0].inbox().onIdle(incoming::flushObservations);
        directory.addReloadListener(writer::directoryReloaded);

        context.getRegistry().bind("asteriskLink", link[0]);
        context.getRegistry().bind("asteriskWriter", writer);
        context.getRegistry().bind("asteriskIncoming", incoming);
        context.getRegistry().bind("asteriskHealthCheck", new AsteriskHealth(link[0].connection()));
        LOG.info("Asterisk sync: {} ({}), incoming {}, outgoing {}, priority {}", ami, sync.syncEnabled() ? "sync on" : "sync off",
                sync.incoming().code(), sync.outgoing().code(), sync.priority());
    }

    static AmiSettings amiSettings(HubSettings settings) {
        return new AmiSettings(settings.text("hub.asterisk.host"), settings.integer("hub.asterisk.port"),
                settings.text("hub.asterisk.username"),
                settings.optionalText("hub.asterisk.secret").orElseThrow(() -> new IllegalStateException(
                        "setting hub.asterisk.secret is missing: set the environment variable HUB_ASTERISK_SECRET")),
                settings.duration("hub.asterisk.ping-interval"), settings.duration("hub.asterisk.read-timeout"),
                settings.duration("hub.asterisk.reconnect-min"), settings.duration("hub.asterisk.reconnect-max"),
                settings.duration("hub.asterisk.auth-retry"));
    }

}
