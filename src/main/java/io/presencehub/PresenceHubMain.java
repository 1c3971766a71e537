package io.presencehub;

import io.presencehub.camel.HubConfiguration;
import io.presencehub.camel.HubRoutes;
import io.presencehub.camel.HubStartException;
import io.presencehub.camel.StartupChecks;
import io.presencehub.directory.DirectoryException;
import io.presencehub.store.StoreException;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.camel.main.Main;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the hub as a standalone camel-main application. */
public final class PresenceHubMain {

    private static final Logger LOG = LoggerFactory.getLogger(PresenceHubMain.class);

    private PresenceHubMain() {
    }

    /**
     * Runs the hub until it is stopped. A hub that cannot start (store, directory file, a port in
     * use) logs one ERROR line saying why and exits with code 1.
     */
    public static void main(String... args) throws Exception {
        StartupChecks checks = new StartupChecks();
        Main main = createMain();
        main.addMainListener(checks);
        try {
            main.run(args);
        } catch (Exception e) {
            Optional<String> reason = operatorReason(e);
            if (reason.isPresent()) {
                LOG.error("Presence Hub cannot start: {}", reason.get());
            } else {
                LOG.error("Presence Hub cannot start: {}", e.getMessage(), e);
            }
            System.exit(1);
        }
        if (checks.failed()) {
            System.exit(1);
        }
    }

    /**
     * The hub's camel-main: packaged defaults, then {@code ./application.properties} if present,
     * then {@code -D} options and environment variables; routes from the jar, overridable by
     * files in the routes folder ({@code hub.routes.dir}, default {@code ./routes}).
     */
    public static Main createMain() {
        Main main = new Main(PresenceHubMain.class);
        // routes are YAML only; scanning the package would pick up RouteBuilders of a host application
        main.configure().setBasePackageScanEnabled(false);
        // the first location that sets a key wins: the local file before the packaged defaults
        main.setPropertyPlaceholderLocations(
                "file:application.properties;optional=true,classpath:" + HubConfiguration.DEFAULTS);
        main.configure().addConfiguration(HubConfiguration.class);
        main.configure().setRoutesIncludePattern(HubRoutes.includePattern(routesFolder()));
        return main;
    }

    /**
     * The one-line message of a failure the hub explains itself (its store, its directory file, a
     * port), wherever Camel wrapped it; empty for anything else, which keeps its stack trace.
     */
    static Optional<String> operatorReason(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StoreException || t instanceof DirectoryException || t instanceof HubStartException) {
                return Optional.of(t.getMessage().replaceAll("\\s*\\R\\s*", " "));
            }
        }
        return Optional.empty();
    }

    private static Path routesFolder() {
        String folder = Optional.ofNullable(System.getProperty("hub.routes.dir"))
                .or(() -> Optional.ofNullable(System.getenv("HUB_ROUTES_DIR")))
                .orElse("routes");
        return Path.of(folder);
    }
}
