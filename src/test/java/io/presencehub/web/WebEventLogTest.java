package io.presencehub.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencehub.web.WebEventLog.Event;
import org.junit.jupiter.api.Test;

/** Which Last-Event-ID can resume: one of this run, issued, and not older than the events kept. */
class WebEventLogTest {

    private final WebEventLog log = new WebEventLog("run1", 3);

    @Test
    void resumesAfterAKeptIdWithTheEventsInOrder() {
        Event first = log.append("state", "{\"n\":1}");
        log.append("state", "{\"n\":2}");
        log.append("directory", "{\"n\":3}");
        assertThat(log.after(first.id()).orElseThrow()).extracting(Event::id).containsExactly("run1-2", "run1-3");
        assertThat(log.after("run1-3")).hasValue(java.util.List.of());
        assertThat(first.wire()).isEqualTo("id: run1-1\nevent: state\ndata: {\"n\":1}\n\n");
    }

    @Test
    void theLastDroppedIdStillResumesButAnOlderOneDoesNot() {
        for (int i = 1; i <= 5; i++) {
            log.append("state", "{}");
        }
        // kept: 3, 4, 5
        assertThat(log.after("run1-2").orElseThrow()).extracting(Event::id).containsExactly("run1-3", "run1-4", "run1-5");
        assertThat(log.after("run1-1")).isEmpty();
    }

    @Test
    void anIdOfAnotherRunNotIssuedYetOrMalformedCannotResume() {
        log.append("state", "{}");
        assertThat(log.after("run0-1")).isEmpty();
        assertThat(log.after("run1-2")).isEmpty();
        assertThat(log.after("run1-x")).isEmpty();
        assertThat(log.after("garbage")).isEmpty();
        assertThat(log.after("run1-0").orElseThrow()).hasSize(1);
    }
}
