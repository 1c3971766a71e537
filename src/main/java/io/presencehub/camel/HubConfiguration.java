package io.presencehub.camel;

import io.presencehub.admin.AdminOverview;
import io.presencehub.asterisk.AsteriskAdmin;
import io.presencehub.asterisk.AsteriskConfiguration;
import io.presencehub.directory.DirectoryAdmin;
import io.presencehub.statusinterface.StatusInterfaceAdmin;
import io.presencehub.teams.TeamsAdmin;
import io.presencehub.statusinterface.StatusCommandProcessor;
import io.presencehub.statusinterface.StatusInterfaceHealthCheck;
import io.presencehub.statusinterface.StatusInterfaceWatch;
import io.presencehub.teams.TeamsConfiguration;
import io.presencehub.web.WebConfiguration;
import io.netty.handler.codec.string.StringEncoder;
import io.presencehub.calls.CallStates;
import io.presencehub.calls.DeviceState;
import io.presencehub.decisions.DecisionLog;
import io.presencehub.decisions.World;
import io.presencehub.directory.DirectoryOptions;
import io.presencehub.directory.DirectoryService;
import io.presencehub.metrics.HubMetrics;
import io.presencehub.metrics.HubMetricsFactory;
import io.presencehub.metrics.MeteredChangePublisher;
import io.presencehub.statusinterface.StatusClientGroup;
import io.presencehub.statusinterface.StatusCommandHandler;
import io.presencehub.statusinterface.StatusEventBroadcaster;
import io.presencehub.statusinterface.StatusLineDecoder;
import io.presencehub.store.StateStore;
import io.presencehub.store.StateStores;
import io.presencehub.sync.DirectoryReconciler;
import io.presencehub.sync.Heartbeats;
import io.presencehub.sync.PresenceApplier;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.Properties;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.support.jsse.KeyManagersParameters;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.support.service.ServiceSupport;

/**
 * Creates every named bean of the hub from its settings and binds it in the Camel registry. The
 * routes refer to these names; this is the only place a bean gets its name. Works in the hub's own
 * camel-main and in any other CamelContext (see the README's drop-in section).
 */
public final class HubConfiguration implements CamelConfiguration {

    /** The packaged defaults of every {@code hub.*} setting. */
    public static final String DEFAULTS = "presence-hub/application.properties";

    /** Registry name of an optional {@link Clock} for every time the hub reads (the system clock otherwise). */
    public static final String CLOCK = "hubClock";

    @Override
    public void configure(CamelContext context) throws Exception {
        addMissingDefaults(context.getPropertiesComponent());
        HubSettings settings = new HubSettings(context.getPropertiesComponent()::resolveProperty);
        normaliseTimerPeriods(context.getPropertiesComponent(), settings);

        StateStore store = StateStores.open(settings.text("hub.store.url"),
                settings.optionalText("hub.store.user").orElse(""),
                settings.optionalText("hub.store.password").orElse(""));
        try {
            configure(context, settings, store);
        } catch (Exception | Error e) {
            // nothing else will close it: a hub that did not start must not keep its database open
            store.close();
            throw e;
        }
    }

    private void configure(CamelContext context, HubSettings settings, StateStore store) throws Exception {
        Clock clock = clock(context);
        DirectoryService directory = DirectoryService.load(Path.of(settings.text("hub.directory.file")),
                directoryOptions(settings), clock);
        CamelChangePublisher publisher = new CamelChangePublisher(context);
        HubMetrics metrics = HubMetricsFactory.create(context);
        bind(context, "hubMetrics", metrics);
        DecisionLog decisions = new DecisionLog(clock);
        PresenceApplier applier = new PresenceApplier(store, directory,
                metrics.enabled() ? new MeteredChangePublisher(publisher, metrics) : publisher, clock, decisions);
        directory.announceWith(applier::betweenChanges, reload -> publisher.directoryChanged(reload.events()));
        directory.addReloadListener(new DirectoryReconciler(applier, publisher));
        directory.addReloadListener(reload -> decisions.record(World.DIRECTORY, null,
                "directory reloaded: " + reload.events().size() + " changes"));
        Heartbeats heartbeats = new Heartbeats(settings.duration("hub.health.max-silence"));
        Duration reloadInterval = settings.duration("hub.directory.reload-interval");
        directory.onEveryCheck(() -> heartbeats.beat("directory reload", reloadInterval));
        StatusClientGroup clients = new StatusClientGroup(settings.integer("hub.status.max-pending-bytes"),
                settings.integer("hub.status.max-total-pending-bytes"),
                settings.integer("hub.status.socket-send-buffer"),
                settings.duration("hub.status.event-batch-window"), heartbeats);

        bind(context, "hubSettings", settings);
        bind(context, "heartbeats", heartbeats);
        bind(context, "hubHealthCheck", new HubHealthCheck(heartbeats));
        bind(context, "stateStore", store);
        bind(context, "directoryService", directory);
        bind(context, "presenceApplier", applier);
        bind(context, "decisionLog", decisions);
        CallStates calls = new CallStates(busyStates(settings.text("hub.calls.busy-states")));
        bind(context, "callStates", calls);
        bind(context, "statusClients", clients);
        metrics.gauge("presencehub.status.clients", "Status interface clients connected", clients::size);
        bind(context, "statusEventBroadcaster", new StatusEventBroadcaster(directory, clients));
        bind(context, "statusCommandProcessor",
                new StatusCommandProcessor(new StatusCommandHandler(directory, applier), clients));
        bind(context, "statusLineDecoder", new StatusLineDecoder(settings.integer("hub.status.max-line-length")));
        bind(context, "statusLineEncoder", new StringEncoder(StandardCharsets.UTF_8));
        bind(context, "statusTls", statusTls(settings));
        watchStatusInterface(context, settings);
        List<String> switchedOff = new ArrayList<>();
        if (settings.flag("hub.teams.enabled")) {
            TeamsConfiguration.configure(context, settings, applier, directory, store, clock, decisions);
            if (settings.optionalText("hub.teams.public-url").isEmpty()) {
                switchedOff.add("teams-push-"); // no public URL: no sign-in, no notifications, polling only
            }
        } else {
            switchedOff.add("teams-");
        }
        if (settings.flag("hub.asterisk.enabled")) {
            AsteriskConfiguration.configure(context, settings, store, directory, applier, clock, decisions);
        } else {
            switchedOff.add("asterisk-");
        }
        // before the web server's beans: its admin API answers from it
        bind(context, "adminOverview", new AdminOverview(
                Optional.ofNullable(context.getRegistry().lookupByNameAndType("asteriskAdmin", AsteriskAdmin.class)),
                Optional.ofNullable(context.getRegistry().lookupByNameAndType("teamsAdmin", TeamsAdmin.class)),
                new StatusInterfaceAdmin(clients), new DirectoryAdmin(directory), decisions));
        if (settings.flag("hub.web.enabled")) {
            WebConfiguration.configure(context, settings, applier, directory, calls, clock);
        } else {
            switchedOff.add("web-");
        }
        HubRoutes.leaveOut(context, switchedOff);

        context.addService(new ServiceSupport() {
            @Override
            protected void doStop() {
                clients.close();
                store.close();
            }
        }, true, true);
    }

    /** One ERROR line and a health check {@code status-interface} when the status interface cannot listen. */
    private static void watchStatusInterface(CamelContext context, HubSettings settings) throws Exception {
        StatusInterfaceWatch watch = new StatusInterfaceWatch(settings.text("hub.status.host"),
                settings.integer("hub.status.port"), settings.flag("hub.status.required"));
        watch.setCamelContext(context);
        ServiceHelper.startService(watch);
        context.getManagementStrategy().addEventNotifier(watch);
        bind(context, "statusInterfaceWatch", watch);
        bind(context, "statusInterfaceHealthCheck", new StatusInterfaceHealthCheck(context, watch));
    }

    /** Settings the routes use as timer periods: Camel's timer reads {@code 10s} but not {@code PT10S}, so they get milliseconds. */
    private static final List<String> TIMER_PERIODS = List.of(
            "hub.directory.reload-interval", "hub.teams.poll-interval", "hub.teams.writer-interval",
            "hub.asterisk.writer-interval", "hub.web.events.heartbeat");

    private static void normaliseTimerPeriods(PropertiesComponent properties, HubSettings settings) {
        for (String key : TIMER_PERIODS) {
            properties.addOverrideProperty(key, Long.toString(settings.duration(key).toMillis()));
        }
    }

    /** {@code hub.calls.busy-states}: Asterisk's device state names, separated by commas or blanks. */
    static Set<DeviceState> busyStates(String text) {
        Set<DeviceState> states = EnumSet.noneOf(DeviceState.class);
        for (String name : text.split("[,\\s]+")) {
            if (!name.isBlank()) {
                states.add(DeviceState.parse(name).orElseThrow(() -> new HubStartException("hub.calls.busy-states: "
                        + name.strip() + " is not an Asterisk device state (one of " + List.of(DeviceState.values()) + ")")));
            }
        }
        return states;
    }

    private static DirectoryOptions directoryOptions(HubSettings settings) {
        return new DirectoryOptions(settings.integer("hub.directory.max-size"),
                settings.flag("hub.directory.allow-mass-removal"), settings.duration("hub.directory.mass-removal-hold"));
    }

    private static void bind(CamelContext context, String name, Object bean) {
        context.getRegistry().bind(name, bean);
    }

    /** The clock bound as {@value #CLOCK} (a host application's or a test's), else the system clock in UTC. */
    static Clock clock(CamelContext context) {
        Clock bound = context.getRegistry().lookupByNameAndType(CLOCK, Clock.class);
        return bound != null ? bound : Clock.systemUTC();
    }

    /** TLS for remote status clients; unused (and empty) while {@code hub.status.tls.enabled} is false. */
    private static SSLContextParameters statusTls(HubSettings settings) {
        return tls(settings, "hub.status.tls");
    }

    /**
     * TLS parameters from the settings {@code <prefix>.enabled}, {@code .keystore}, {@code .keystore-type} and
     * {@code .keystore-password} (the latter from the environment); empty while {@code <prefix>.enabled} is false.
     */
    public static SSLContextParameters tls(HubSettings settings, String prefix) {
        SSLContextParameters parameters = new SSLContextParameters();
        if (!settings.flag(prefix + ".enabled")) {
            return parameters;
        }
        KeyStoreParameters keyStore = new KeyStoreParameters();
        keyStore.setResource("file:" + settings.text(prefix + ".keystore"));
        keyStore.setType(settings.text(prefix + ".keystore-type"));
        String password = settings.optionalText(prefix + ".keystore-password").orElse("");
        keyStore.setPassword(password);
        KeyManagersParameters keyManagers = new KeyManagersParameters();
        keyManagers.setKeyStore(keyStore);
        keyManagers.setKeyPassword(password);
        parameters.setKeyManagers(keyManagers);
        return parameters;
    }

    /**
     * In a CamelContext that did not load the hub's properties (drop-in use), the packaged defaults
     * fill in every {@code hub.*} key the host application does not set itself.
     */
    private static void addMissingDefaults(PropertiesComponent properties) throws IOException {
        Properties defaults = new Properties();
        try (InputStream in = HubConfiguration.class.getClassLoader().getResourceAsStream(DEFAULTS)) {
            if (in == null) {
                throw new IOException("the packaged defaults " + DEFAULTS + " are missing from the classpath");
            }
            defaults.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        }
        for (String key : defaults.stringPropertyNames()) {
            if (key.startsWith("hub.") && properties.resolveProperty(key).isEmpty()) {
                properties.addInitialProperty(key, defaults.getProperty(key));
            }
        }
    }
}
