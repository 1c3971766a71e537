package io.presencehub;

import io.presencehub.camel.HubConfiguration;
import io.presencehub.camel.HubRoutes;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.camel.main.Main;

/** Starts the hub as a standalone camel-main application. */
public final class PresenceHubMain {

    private PresenceHubMain() {
    }

    public static void main(String... args) throws Exception {
        createMain().run(args);
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

    private static Path routesFolder() {
        String folder = Optional.ofNullable(System.getProperty("hub.routes.dir"))
                .or(() -> Optional.ofNullable(System.getenv("HUB_ROUTES_DIR")))
                .orElse("routes");
        return Path.of(folder);
    }
}
