package io.presencehub.web;

import io.presencehub.testing.FreePort;
import io.presencehub.testing.LineClient;
import io.presencehub.testing.TestHub;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The board survives a restart of the hub (same web port, no password): its event stream reconnects by itself. */
class HubRestartBrowserTest {

    @RegisterExtension
    static final Browser browser = new Browser();

    @Test
    void afterAHubRestartTheBoardReconnectsAndIsLiveAgain() throws IOException {
        Path folder = Files.createTempDirectory("web-restart");
        try {
            restartWhileTheBoardIsOpen(folder);
        } finally {
            try (Stream<Path> files = Files.walk(folder)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static void restartWhileTheBoardIsOpen(Path folder) {
        String port = Integer.toString(FreePort.find());
        try (TestHub first = TestHub.in(folder).with("hub.web.port", port).start()) {
            browser.open(Integer.parseInt(port), "/");
            browser.waiting(Duration.ofSeconds(3)).until(ExpectedConditions.textToBe(By.id("live"), "Live"));
        }
        browser.waiting(Duration.ofSeconds(5)).until(ExpectedConditions.textToBe(By.id("live"),
                "Connection lost, reconnecting…"));
        try (TestHub second = TestHub.in(folder).with("hub.web.port", port).start();
             LineClient client = second.client()) {
            browser.waiting(Duration.ofSeconds(10)).until(ExpectedConditions.textToBe(By.id("live"), "Live"));
            client.set("set_extension_status@#HQ@#Sales@#1003@#Away");
            awaitBob("Away");
            // arrives as an event, or with the reconnect's reload, which must not undo it with an older page
            client.set("set_extension_status@#HQ@#Sales@#1003@#Do Not Disturb");
            awaitBob("Do Not Disturb");
        }
    }

    private static void awaitBob(String status) {
        browser.waiting(Duration.ofSeconds(3)).until(d -> status.equals(
                browser.row("HQ/Sales/bob").findElement(By.cssSelector(".badge")).getText()));
    }
}
