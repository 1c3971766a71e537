package io.presencehub.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencehub.testing.LineClient;
import io.presencehub.testing.TestDirectories;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/** The board with 10,000 users: one page of 200 rows, paged on the server, loaded quickly and still live. */
class LargeBoardBrowserTest {

    @RegisterExtension
    static final WebHub running = new WebHub(h -> h.directory(TestDirectories.generated(10_000)));
    @RegisterExtension
    static final Browser browser = new Browser();

    @Test
    void tenThousandUsersArePagedTwoHundredAtATimeAndStayLive() {
        long start = System.nanoTime();
        browser.open(running.hub().webPort(), "/");
        Duration load = Duration.ofNanos(System.nanoTime() - start);
        System.out.println("Board with 10,000 users: first page loaded in the browser in " + load.toMillis() + " ms");
        assertThat(load).isLessThan(Duration.ofSeconds(5));
        assertThat(browser.driver().findElements(By.cssSelector("tr[data-user]"))).hasSize(200);
        assertThat(browser.driver().findElement(By.id("page-info")).getText()).isEqualTo("1–200 of 10000");

        browser.driver().findElement(By.id("next")).click();
        browser.waiting(Duration.ofSeconds(5)).until(d -> d.findElement(By.id("page-info")).getText()
                .equals("201–400 of 10000"));
        try (LineClient client = running.hub().client()) {
            client.set("set_extension_status@#Generated@#Tenant 1@#100250@#Away");
        }
        browser.waiting(Duration.ofSeconds(3)).until(d -> "Away".equals(browser.row("Generated/Tenant 1/user.100250")
                .findElement(By.cssSelector(".badge")).getText()));
    }
}
