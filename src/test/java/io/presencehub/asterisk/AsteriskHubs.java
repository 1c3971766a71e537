package io.presencehub.asterisk;

import io.presencehub.testing.TestHub;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

/** A TestHub connected to a FakeAsterisk with short AMI timings. */
public final class AsteriskHubs {

    private AsteriskHubs() {
    }

    public static TestHub hub(Path folder, String directory, FakeAsterisk asterisk) {
        return TestHub.in(folder, directory)
                .with("hub.asterisk.enabled", "true")
                .with("hub.asterisk.host", "127.0.0.1")
                .with("hub.asterisk.port", Integer.toString(asterisk.port()))
                .with("hub.asterisk.username", "hub")
                .with("hub.asterisk.secret", "hubsecret")
                .with("hub.asterisk.ping-interval", "200")
                .with("hub.asterisk.read-timeout", "3000")
                .with("hub.asterisk.reconnect-min", "100")
                .with("hub.asterisk.reconnect-max", "400")
                .with("hub.asterisk.auth-retry", "700");
    }

    /**
     * Whether the hub's Asterisk writer has nothing queued or unanswered: every Setvar it decided on so far has
     * reached the fake (and been counted there). Await it before asserting that a presentity got no Setvar.
     */
    static boolean writerIdle(TestHub hub) {
        return hub.context().getRegistry().lookupByNameAndType("asteriskWriter", AsteriskWriter.class)
                .pendingCount() == 0;
    }

    static boolean connected(TestHub hub) {
        return hub.context().getRegistry().lookupByNameAndType("asteriskLink", AsteriskLink.class)
                .connection().isConnected();
    }

    /** GET /observe/health on the management port: status code and body. */
    static String health(TestHub hub) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + hub.managementPort() + "/observe/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() + " " + response.body();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
