package io.presencehub.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencehub.model.UserState;
import io.presencehub.testing.TestDirectories;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

/**
 * A viewer logged in through the form sees the board without edit controls, a write forced anyway is refused, and
 * the board follows a directory reload by itself.
 */
class ViewerBrowserTest {

    @RegisterExtension
    static final WebHub running = new WebHub(h -> h.with("hub.web.admin-password", "admin-pw")
            .with("hub.web.viewer-password", "viewer-pw"));
    @RegisterExtension
    static final Browser browser = new Browser();

    @Test
    void aViewerSeesNoEditControlsAndAForcedWriteIsRefused() {
        UserState before = running.hub().state(TestDirectories.ALICE);
        browser.logIn(running.hub().webPort(), "viewer", "viewer-pw");
        assertThat(browser.driver().findElement(By.tagName("body")).getAttribute("data-role")).isEqualTo("viewer");
        assertThat(browser.row("HQ/Sales/alice").getText()).contains("alice", "Available");
        assertThat(browser.driver().findElements(By.cssSelector("button.edit"))).isEmpty();
        assertThat(browser.driver().findElement(By.id("editor")).isDisplayed()).isFalse();

        // the page's own session and CSRF token, used as an admin's page would
        Object answer = ((JavascriptExecutor) browser.driver()).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch('/api/session').then(r => r.json()).then(s => fetch('/api/users/HQ/Sales/1001/status', {
                  method: 'PUT', headers: {'Content-Type': 'application/json', 'X-CSRF-Token': s.csrfToken},
                  body: JSON.stringify({status: 'Lunch'})}))
                  .then(r => r.text().then(t => done([r.status, t])), e => done([0, String(e)]));
                """);
        assertThat((List<?>) answer).first().isEqualTo(403L);
        assertThat(((List<?>) answer).get(1).toString()).contains("viewer may only look");
        assertThat(running.hub().state(TestDirectories.ALICE)).isEqualTo(before);
    }

    @Test
    void aDirectoryReloadReloadsTheBoardByItself() {
        browser.logIn(running.hub().webPort(), "viewer", "viewer-pw");
        assertThat(browser.driver().findElements(By.xpath("//tr[@data-user]/th[.='1005']"))).isEmpty();
        running.hub().writeDirectory(TestDirectories.SMALL_WITH_1005);
        browser.waiting(Duration.ofSeconds(5))
                .until(d -> !d.findElements(By.xpath("//tr[@data-user]/th[.='1005']")).isEmpty());
        assertThat(browser.driver().findElement(By.id("page-info")).getText()).isEqualTo("1–6 of 6");
    }
}
