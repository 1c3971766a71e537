package io.presencehub.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencehub.testing.LineClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The admin page in a real browser: every connector's state and a decision with its reason, filtered by user. */
class AdminPageBrowserTest {

    @RegisterExtension
    static final WebHub running = new WebHub(h -> h.with("hub.web.admin-password", "admin-pw"));
    @RegisterExtension
    static final Browser browser = new Browser();

    @Test
    void theAdminPageShowsTheConnectorsAndADecisionWithItsReason() {
        try (LineClient client = running.hub().client()) {
            client.set("set_extension_status@#HQ@#Sales@#1001@#Available");
            browser.logIn(running.hub().webPort(), "admin", "admin-pw");
            browser.open(running.hub().webPort(), "/admin");
            assertThat(connector("Asterisk (AMI)")).contains("State", "switched off");
            assertThat(connector("Microsoft Teams")).contains("switched off", "Budget in use");
            assertThat(connector("Status interface")).contains("Clients\n1", "127.0.0.1:");
            assertThat(connector("Directory")).contains(running.hub().directoryFile().getFileName().toString());
        }
        browser.driver().findElement(By.id("decision-user")).sendKeys("hq/sales/alice");
        browser.driver().findElement(By.cssSelector("#decision-filter button")).click();
        browser.waiting(Duration.ofSeconds(5)).until(d -> d.findElements(By.cssSelector("#decisions tbody tr")).stream()
                .allMatch(r -> r.getText().contains("hq/sales/alice")));
        WebElement decision = browser.driver().findElement(By.cssSelector("#decisions tbody tr"));
        assertThat(decision.findElement(By.cssSelector(".reason")).getText())
                .isEqualTo("no change for alice: state already Available");
        assertThat(decision.getText()).contains("status-interface");

        // a user given without location and tenant (a user id may itself hold a slash, so more parts are an id)
        browser.driver().findElement(By.id("decision-user")).clear();
        browser.driver().findElement(By.id("decision-user")).sendKeys("alice");
        browser.driver().findElement(By.cssSelector("#decision-filter button")).click();
        browser.waiting(Duration.ofSeconds(5)).until(d -> d.findElement(By.id("decision-error")).getText()
                .contains("location/tenant/user"));
    }

    private static String connector(String title) {
        return browser.driver().findElement(By.cssSelector("section[data-connector='" + title + "']")).getText();
    }
}
