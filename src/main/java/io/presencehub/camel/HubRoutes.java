package io.presencehub.camel;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;

/**
 * The hub's YAML routes: the packaged ones, each replaced by a file of the same name in the
 * external routes folder when there is one, plus any other {@code *.camel.yaml} in that folder.
 */
public final class HubRoutes {

    /** Every route file packaged under {@code routes/} in the jar (checked by a test). */
    public static final List<String> PACKAGED = List.of(
            "presence-core.camel.yaml", "directory.camel.yaml", "status-interface.camel.yaml",
            "teams.camel.yaml", "teams-push.camel.yaml", "asterisk.camel.yaml", "web.camel.yaml");

    private HubRoutes() {
    }

    /** The routes-include-pattern for camel-main, given the external routes folder. */
    public static String includePattern(Path folder) {
        List<String> locations = new ArrayList<>();
        for (String name : PACKAGED) {
            Path external = folder.resolve(name);
            locations.add(Files.isRegularFile(external) ? "file:" + external.toAbsolutePath() : "classpath:routes/" + name);
        }
        for (Path extra : extraFiles(folder)) {
            locations.add("file:" + extra.toAbsolutePath());
        }
        return String.join(",", locations);
    }

    /** Loads the hub's routes into any CamelContext (drop-in use). */
    public static void addTo(CamelContext context, Path folder) throws Exception {
        List<Resource> resources = new ArrayList<>();
        for (String location : includePattern(folder).split(",")) {
            resources.add(PluginHelper.getResourceLoader(context).resolveResource(location));
        }
        PluginHelper.getRoutesLoader(context).loadRoutes(resources);
    }

    /**
     * Routes whose id starts with one of these prefixes (a switched-off connector's, e.g. {@code teams-})
     * are not added to the context at all: no consumer, no bean they name needs to exist.
     */
    public static void leaveOut(CamelContext context, List<String> routeIdPrefixes) {
        if (routeIdPrefixes.isEmpty()) {
            return;
        }
        context.getCamelContextExtension().getContextPlugin(Model.class).setRouteFilter(route -> {
            String id = route.getRouteId();
            return id == null || routeIdPrefixes.stream().noneMatch(id::startsWith);
        });
    }

    private static List<Path> extraFiles(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".camel.yaml"))
                    .filter(f -> !PACKAGED.contains(f.getFileName().toString()))
                    .sorted().toList();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot list routes folder " + folder + File.separator + ": " + e.getMessage(), e);
        }
    }
}
