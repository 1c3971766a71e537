package io.presencehub.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencehub.testing.LineClient;
import io.presencehub.testing.TestDirectories;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** The board in a real browser (no passwords: loopback is admin): the users, live changes, an admin's edit. */
class BoardBrowserTest {

    @RegisterExtension
    static final WebHub running = new WebHub(h -> h);
    @RegisterExtension
    static final Browser browser = new Browser();

    @Test
    void theBoardShowsTheDirectorysUsersGroupedByLocationAndTenant() {
        browser.open(running.hub().webPort(), "/");
        List<String> groups = browser.driver().findElements(By.cssSelector(".group h2")).stream()
                .map(WebElement::getText).toList();
        assertThat(groups).startsWith("HQ · Sales").contains("Zürich Büro · Ventes");
        WebElement alice = browser.row("HQ/Sales/alice");
        assertThat(alice.findElement(By.cssSelector(".name")).getText()).isEqualTo("alice");
        assertThat(alice.findElement(By.cssSelector(".extensions")).getText()).isEqualTo("1001, 1002");
        assertThat(alice.findElement(By.cssSelector(".status .badge")).getText()).isEqualTo("Available");
        assertThat(browser.row("HQ/Sales/bob").findElement(By.cssSelector(".extensions")).getText()).isEqualTo("1003");
    }

    @Test
    void aStatusSetOverTheStatusInterfaceAppearsOnTheBoardWithinOneSecond() {
        browser.open(running.hub().webPort(), "/");
        try (LineClient client = running.hub().client()) {
            client.set("set_extension_note@#HQ@#Sales@#1003@#Back at 2#masknl#call my mobile");
            long sent = System.nanoTime();
            client.set("set_extension_status@#HQ@#Sales@#1003@#Do Not Disturb");
            browser.waiting(Duration.ofSeconds(1)).until(d -> "Do Not Disturb".equals(
                    browser.row("HQ/Sales/bob").findElement(By.cssSelector(".status .badge")).getText()));
            assertThat(Duration.ofNanos(System.nanoTime() - sent)).isLessThan(Duration.ofSeconds(1));
        }
        WebElement bob = browser.row("HQ/Sales/bob");
        assertThat(bob.findElement(By.cssSelector(".badge")).getAttribute("class")).contains("type-dnd");
        assertThat(bob.findElement(By.cssSelector(".note")).getText()).isEqualTo("Back at 2\ncall my mobile");
        assertThat(bob.findElement(By.cssSelector(".origin")).getText()).startsWith("by status interface");
    }

    @Test
    void anAdminSetsAStatusOnTheBoardAndAStatusClientReceivesTheEvent() {
        browser.open(running.hub().webPort(), "/");
        try (LineClient client = running.hub().client()) {
            // answered: the client is registered for events
            assertThat(client.ask("get_extension_status@#HQ@#Sales@#1001")).isEqualTo("ExtensionStatus@#Available");
            browser.row("HQ/Sales/alice").findElement(By.cssSelector("button.edit")).click();
            new Select(browser.driver().findElement(By.id("edit-status"))).selectByValue("Lunch");
            browser.driver().findElement(By.id("save-status")).click();
            assertThat(client.readLines(2)).containsExactly("ExtensionStatusUpdatedEvent@#HQ@#Sales@#1001@#Lunch",
                    "ExtensionStatusUpdatedEvent@#HQ@#Sales@#1002@#Lunch");
        }
        browser.waiting(Duration.ofSeconds(3)).until(d -> "Lunch".equals(
                browser.row("HQ/Sales/alice").findElement(By.cssSelector(".badge")).getText()));
        assertThat(browser.row("HQ/Sales/alice").findElement(By.cssSelector(".origin")).getText()).startsWith("by web");
    }

    @Test
    void theTextBoxAndTheStatusSelectFilterTheBoardOnTheServer() {
        browser.open(running.hub().webPort(), "/");
        browser.driver().findElement(By.id("filter-text")).sendKeys("1003");
        browser.waiting(Duration.ofSeconds(3)).until(d -> names().equals(List.of("bob")));
        browser.driver().findElement(By.id("filter-text")).clear();
        new Select(browser.driver().findElement(By.id("filter-status"))).selectByValue("Disponible");
        browser.waiting(Duration.ofSeconds(3)).until(d -> names().equals(List.of("3001")));
        assertThat(browser.driver().findElement(By.id("page-info")).getText()).isEqualTo("1–1 of 1");
    }

    @Test
    void aRefusedReturnTimeShowsTheServersReasonNextToTheField() {
        browser.open(running.hub().webPort(), "/");
        browser.row("HQ/Sales/bob").findElement(By.cssSelector("button.edit")).click();
        // a time before 1970 is a negative Unix time, which the API refuses with 400
        ((JavascriptExecutor) browser.driver()).executeScript(
                "document.getElementById('edit-return').value = '1960-01-01T08:00'");
        browser.driver().findElement(By.id("save-return")).click();
        browser.waiting(Duration.ofSeconds(3)).until(d -> d.findElement(By.id("error-return")).getText()
                .equals("returnTime must be Unix seconds as a non-negative whole number (0 for none)"));
        assertThat(running.hub().state(TestDirectories.BOB).returnTime()).isZero();
    }

    private static List<String> names() {
        return browser.driver().findElements(By.cssSelector("tr[data-user] .name")).stream()
                .map(WebElement::getText).toList();
    }
}
