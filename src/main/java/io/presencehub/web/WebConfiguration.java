package io.presencehub.web;

import io.presencehub.admin.AdminOverview;
import io.presencehub.calls.CallStates;
import io.presencehub.camel.HubConfiguration;
import io.presencehub.metrics.HubMetrics;
import io.presencehub.camel.HubSettings;
import io.presencehub.directory.DirectoryService;
import io.presencehub.sync.PresenceApplier;
import java.security.SecureRandom;
import java.time.Clock;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.support.CamelContextHelper;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.support.service.ServiceSupport;

/**
 * Binds the web server's beans (the access filter, login, REST API, the admin API over bean {@code adminOverview},
 * which must be bound already) and, as the context starts, gives camel-main's server its TLS ({@code hub.web.tls.*}),
 * starts it and puts the access filter in front of every route of it, before any of those routes starts.
 */
public final class WebConfiguration {

    /** Order of the access filter on the Vert.x router: before every platform-http route and handler. */
    static final int FILTER_ORDER = -1_000_000;

    /** The path of the Server-Sent Events (a Vert.x handler: a Camel route cannot hold an answer open). */
    public static final String EVENTS = "/api/events";

    private WebConfiguration() {
    }

    /** A new id for every start of the hub, so that event ids of an earlier run are never taken for this one's. */
    static String runId(Clock clock) {
        return Long.toString(clock.millis(), 36) + Integer.toString(new SecureRandom().nextInt(1 << 20), 36);
    }

    public static void configure(CamelContext context, HubSettings settings, PresenceApplier applier,
                                 DirectoryService directory, CallStates calls, Clock clock) throws Exception {
        WebSettings web = WebSettings.from(settings);
        WebAccess access = new WebAccess(web, new WebSessions(web.sessionTimeout(), web.maxSessions(), clock));
        context.getRegistry().bind("webSettings", web);
        context.getRegistry().bind("webAccess", access);
        context.getRegistry().bind("webLogin", new WebLogin(access, web.tls()));
        context.getRegistry().bind("webApi", new WebApi(directory, applier, calls));
        context.getRegistry().bind("webAssets", new WebAssets());
        context.getRegistry().bind("webAdminApi", new WebAdminApi(
                CamelContextHelper.mandatoryLookup(context, "adminOverview", AdminOverview.class)));
        WebEventStream events = new WebEventStream(new WebEventLog(runId(clock), settings.integer("hub.web.events.keep")),
                settings.integer("hub.web.events.max-pending-bytes"));
        context.getRegistry().bind("webEvents", new WebEventFeed(directory, calls, events));
        context.getRegistry().bind("webEventStream", events);
        HubMetrics metrics = context.getRegistry().findSingleByType(HubMetrics.class);
        if (metrics != null) {
            metrics.gauge("presencehub.sse.clients", "Server-Sent Events clients connected (/api/events)", events::clientCount);
        }
        context.addService(new ServiceSupport() {
            @Override
            protected void doStop() {
                events.close();
            }
        }, true, true);
        WebAccessFilter filter = new WebAccessFilter(access);
        SSLContextParameters tls = web.tls() ? HubConfiguration.tls(settings, "hub.web.tls") : null;
        context.addStartupListener(new StartupListener() {
            @Override
            public void onCamelContextStarting(CamelContext camelContext, boolean alreadyStarted) {
                VertxPlatformHttpRouter router = router(camelContext, tls);
                router.route().order(FILTER_ORDER).handler(filter);
                router.get(EVENTS).order(FILTER_ORDER + 1).handler(events);
            }

            @Override
            public void onCamelContextStarted(CamelContext camelContext, boolean alreadyStarted) {
                // the filter is in place before the routes start
            }
        });
    }

    /** The router of camel-main's server, or of whatever platform-http server a host application runs. */
    static VertxPlatformHttpRouter router(CamelContext context, SSLContextParameters tls) {
        MainHttpServer server = context.hasService(MainHttpServer.class);
        if (server != null) {
            if (tls != null) {
                server.setSslContextParameters(tls);
            }
            // started here, before the context would: the filter must be on its router before any route is
            ServiceHelper.startService(server);
        }
        VertxPlatformHttpRouter router = server != null ? server.getRouter() : VertxPlatformHttpRouter.lookup(context);
        if (router == null) {
            throw new IllegalStateException("hub.web.enabled is true but no platform-http server runs (camel.server.enabled)");
        }
        return router;
    }
}
