package io.presencehub.camel;

import io.presencehub.statusinterface.StatusInterfaceWatch;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.apache.camel.component.platform.http.main.ManagementHttpServer;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.main.MainSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the standalone hub (camel-main) checks around its start. The management server must be able
 * to listen, or health cannot be read at all: the hub stops with one line naming the address and the
 * cause (Vert.x would log a stack trace and let the hub run without it); so must the web server's. With
 * {@code hub.status.required=true} a status interface that did not start stops the hub too. Then the
 * health URL is logged with the address it listens on (camel-main's own line says 0.0.0.0).
 */
public final class StartupChecks extends MainListenerSupport {

    private static final Logger LOG = LoggerFactory.getLogger(StartupChecks.class);

    private volatile boolean failed;

    /** True when a check stopped the hub: the process must exit with a non-zero code. */
    public boolean failed() {
        return failed;
    }

    /** Before the servers start: a port already taken fails the start with one line. */
    @Override
    public void beforeStart(BaseMainSupport main) {
        ManagementHttpServer server = main.getCamelContext().hasService(ManagementHttpServer.class);
        if (server != null) {
            probe(server.getHost(), server.getPort(), "management server (health " + server.getHealthPath() + ")");
        }
        MainHttpServer web = main.getCamelContext().hasService(MainHttpServer.class);
        if (web != null) {
            probe(web.getHost(), web.getPort(), "web server (console and REST API, hub.web.host/hub.web.port)");
        }
    }

    private static void probe(String host, int port, String what) {
        // Vert.x binds later, asynchronously, and only logs a failure (it cannot be read back: the server
        // reports its port either way); a port taken between this check and that bind stays unreported here
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true); // as Vert.x binds: a port in TIME_WAIT is free
            probe.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new HubStartException(what + " not started: " + ListenErrorTranslator.describe(host, port, e));
        }
    }

    @Override
    public void afterStart(BaseMainSupport main) {
        CamelContext context = main.getCamelContext();
        ManagementHttpServer server = context.hasService(ManagementHttpServer.class);
        if (statusRequiredButNotStarted(context)) {
            stop(main); // StatusInterfaceWatch has logged why
            return;
        }
        if (server != null) {
            LOG.info("Health on http://{}{}", ListenErrorTranslator.address(server.getHost(), server.getPort()),
                    server.getHealthPath());
        }
        MainHttpServer web = context.hasService(MainHttpServer.class);
        if (web != null) {
            LOG.info("Web console and REST API on http{}://{}/", web.getSslContextParameters() != null
                    || web.isUseGlobalSslContextParameters() ? "s" : "", ListenErrorTranslator.address(web.getHost(), web.getPort()));
        }
    }

    private static boolean statusRequiredButNotStarted(CamelContext context) {
        HubSettings settings = context.getRegistry().lookupByNameAndType("hubSettings", HubSettings.class);
        if (settings == null || !settings.flag("hub.status.required")) {
            return false;
        }
        ServiceStatus status = context.getRouteController().getRouteStatus(StatusInterfaceWatch.ROUTE_ID);
        return status == null || !status.isStarted();
    }

    private void stop(BaseMainSupport main) {
        failed = true;
        ((MainSupport) main).completed();
    }
}
