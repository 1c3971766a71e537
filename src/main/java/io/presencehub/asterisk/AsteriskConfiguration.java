package io.presencehub.asterisk;

import io.presencehub.calls.CallStates;
import io.presencehub.camel.HubSettings;
import io.presencehub.decisions.DecisionLog;
import io.presencehub.directory.DirectoryService;
import io.presencehub.metrics.HubMetrics;
import io.presencehub.store.StateStore;
import io.presencehub.sync.PresenceApplier;
import java.time.Clock;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the Asterisk connector from its settings, in one place: the component {@code ami} (on the one
 * {@code asteriskLink}), the beans asteriskIncoming, asteriskWriter, asteriskDeviceReader and asteriskDeviceWriter
 * the {@code asterisk.camel.yaml} routes use, and the health check; the objects themselves and how they are wired to one another come from
 * {@link AsteriskParts}. Called only when {@code hub.asterisk.enabled=true}; otherwise those routes are not loaded.
 */
public final class AsteriskConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(AsteriskConfiguration.class);

    private AsteriskConfiguration() {
    }

    public static void configure(CamelContext context, HubSettings settings, StateStore store, DirectoryService directory,
                          PresenceApplier applier, Clock clock, DecisionLog decisions) {
        AsteriskStateMapper.checkKeys(context.getPropertiesComponent().loadProperties(
                key -> key.startsWith(AsteriskStateMapper.OUTGOING_PREFIX) || key.startsWith(AsteriskStateMapper.INCOMING_PREFIX))
                .stringPropertyNames());
        AsteriskSettings asterisk = AsteriskSettings.from(settings);
        AsteriskParts parts = AsteriskParts.build(asterisk, store, directory, applier, clock, decisions);
        AsteriskLink link = parts.link();
        context.addComponent("ami", new AmiComponent(link));
        context.getRegistry().bind("asteriskLink", link);
        context.getRegistry().bind("asteriskWriter", parts.writer());
        context.getRegistry().bind("asteriskIncoming", parts.reader());
        context.getRegistry().bind("asteriskAdmin", new AsteriskAdmin(asterisk, link, parts.writer()));
        AsteriskDeviceWriter deviceWriter = followDevices(context, settings, directory, link, clock, decisions);
        measure(context.getRegistry().findSingleByType(HubMetrics.class), link, parts.writer(), deviceWriter);
        context.getRegistry().bind("asteriskHealthCheck", new AsteriskHealth(link.connection(), parts.writer(),
                deviceWriter, context.getRegistry().findSingleByType(CallStates.class)));
        LOG.info("Asterisk sync: {}", asterisk);
    }

    /** AMI events, reconnects and echoes counted at the inboxes; the two writers' queues as gauges. */
    private static void measure(HubMetrics metrics, AsteriskLink link, AsteriskWriter writer,
                                AsteriskDeviceWriter deviceWriter) {
        if (metrics == null) {
            return;
        }
        link.inbox().measureWith(metrics);
        link.devices().measureWith(metrics);
        metrics.gauge("presencehub.writer.pending", "Writes owed and not yet answered, per writer",
                writer::pendingCount, "writer", "asterisk");
        metrics.gauge("presencehub.writer.pending", "Writes owed and not yet answered, per writer",
                deviceWriter::pendingCount, "writer", "asterisk_device");
    }

    /**
     * Call state: the directory's devices go to the call states (now and after every reload), Asterisk's device
     * states reach them through route asterisk-devices-in (bean asteriskDeviceReader), and the hub's own Teams devices
     * are written by route asterisk-device-writer (bean asteriskDeviceWriter).
     */
    private static AsteriskDeviceWriter followDevices(CamelContext context, HubSettings settings,
                                                      DirectoryService directory, AsteriskLink link, Clock clock,
                                                      DecisionLog decisions) {
        CallStates calls = context.getRegistry().findSingleByType(CallStates.class);
        CallDevicesResolver resolver = CallDevicesResolver.from(settings);
        AsteriskDeviceWriter deviceWriter = new AsteriskDeviceWriter(calls, settings.flag("hub.teams.enabled"), clock, decisions);
        calls.devicesAssigned(resolver.resolve(directory.get()));
        directory.addReloadListener(reload -> {
            calls.devicesAssigned(resolver.resolve(reload.after()));
            deviceWriter.reassigned();
        });
        calls.listen(deviceWriter);
        link.followDevices(deviceWriter);
        context.getRegistry().bind("asteriskDeviceReader", new AsteriskDeviceReader(calls, deviceWriter));
        context.getRegistry().bind("asteriskDeviceWriter", deviceWriter);
        LOG.info("Asterisk call state: {}", resolver);
        return deviceWriter;
    }
}
