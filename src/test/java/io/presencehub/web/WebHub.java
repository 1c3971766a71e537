package io.presencehub.web;

import io.presencehub.testing.TestHub;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One hub for all tests of a class ({@code @RegisterExtension static final WebHub hub = new WebHub(h -> h...)}),
 * in a folder of its own, with a {@link WebClient} for its web port; stopped and removed after the class.
 */
final class WebHub implements BeforeAllCallback, AfterAllCallback {

    private final UnaryOperator<TestHub> settings;
    private Path folder;
    private TestHub hub;
    private WebClient web;

    WebHub(UnaryOperator<TestHub> settings) {
        this.settings = settings;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        folder = Files.createTempDirectory("web-hub");
        hub = settings.apply(TestHub.in(folder)).start();
        web = new WebClient(hub.webPort());
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        try {
            if (hub != null) {
                hub.stop();
            }
        } finally {
            try (Stream<Path> files = Files.walk(folder)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    TestHub hub() {
        return hub;
    }

    WebClient web() {
        return web;
    }
}
