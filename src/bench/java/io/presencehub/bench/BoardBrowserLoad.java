package io.presencehub.bench;

import io.presencehub.web.Browser;
import java.util.ArrayList;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * The board's load time in a real browser (Debian's headless Chromium): from asking for {@code /} to the first page of
 * users rendered, its script having fetched them from the API. The hub must trust loopback (no web password).
 */
final class BoardBrowserLoad {

    private BoardBrowserLoad() {
    }

    /** Milliseconds per load, {@code runs} times after {@code warmUp} loads; each time all {@code rows} rows are checked. */
    static List<Double> measure(String webAddress, int rows, int warmUp, int runs) {
        WebDriver chromium = Browser.headlessChromium();
        try {
            List<Double> millis = new ArrayList<>();
            for (int run = 0; run < warmUp + runs; run++) {
                chromium.get("about:blank");
                long start = System.nanoTime();
                chromium.get("http://" + webAddress + "/");
                Browser.awaitReady(chromium);
                double took = (System.nanoTime() - start) / 1e6;
                int shown = chromium.findElements(By.cssSelector("tr[data-user]")).size();
                if (shown != rows) {
                    throw new IllegalStateException("the board showed " + shown + " rows, expected " + rows);
                }
                if (run >= warmUp) {
                    millis.add(took);
                }
            }
            return millis;
        } finally {
            chromium.quit();
        }
    }
}
