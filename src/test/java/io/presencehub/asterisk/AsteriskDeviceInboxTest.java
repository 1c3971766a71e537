package io.presencehub.asterisk;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencehub.calls.DeviceState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The device inbox: the AMI reader never waits, a burst is coalesced per device, a listing is a barrier. */
class AsteriskDeviceInboxTest {

    private static final Duration NO_WAIT = Duration.ofMillis(1);
    private final AsteriskDeviceInbox inbox = new AsteriskDeviceInbox();
    private final List<AsteriskDeviceInbox.Report> delivered = new ArrayList<>();

    private static final DeviceState[] STATES = {DeviceState.INUSE, DeviceState.RINGING, DeviceState.NOT_INUSE};

    @Test
    void twoThousandChangesOverTenDevicesArriveAsOneReportWithTheLastValues() throws InterruptedException {
        Map<String, DeviceState> last = new LinkedHashMap<>();
        for (int i = 0; i < 2_000; i++) {
            // the reader offers while nobody takes anything: it must not wait, and nothing may pile up per event
            inbox.changed("PJSIP/" + i % 10, STATES[i % 7 % 3]);
            last.put("PJSIP/" + i % 10, STATES[i % 7 % 3]);
        }
        assertThat(inbox.handOver(delivered::add, NO_WAIT)).isTrue();
        assertThat(delivered).singleElement().isEqualTo(new AsteriskDeviceInbox.Changes(last));
        assertThat(inbox.handOver(delivered::add, NO_WAIT)).as("nothing left").isFalse();
    }

    @Test
    void aListingReplacesTheChangesBeforeItAndTheChangesAfterItFollowIt() throws InterruptedException {
        inbox.changed("PJSIP/1", DeviceState.INUSE);
        inbox.changed("PJSIP/2", DeviceState.INUSE);
        inbox.listed(Map.of("PJSIP/1", DeviceState.NOT_INUSE));
        inbox.changed("PJSIP/2", DeviceState.RINGING);
        inbox.changed("PJSIP/2", DeviceState.ONHOLD);
        inbox.handOver(delivered::add, NO_WAIT);
        assertThat(delivered).containsExactly(
                new AsteriskDeviceInbox.Listing(Map.of("PJSIP/1", DeviceState.NOT_INUSE)),
                new AsteriskDeviceInbox.Changes(Map.of("PJSIP/2", DeviceState.ONHOLD)));
    }

    @Test
    void aChangeAfterAHandOverIsHandedOverNext() throws InterruptedException {
        inbox.changed("PJSIP/1", DeviceState.INUSE);
        inbox.handOver(delivered::add, NO_WAIT);
        inbox.changed("PJSIP/1", DeviceState.NOT_INUSE);
        inbox.handOver(delivered::add, NO_WAIT);
        assertThat(delivered).containsExactly(new AsteriskDeviceInbox.Changes(Map.of("PJSIP/1", DeviceState.INUSE)),
                new AsteriskDeviceInbox.Changes(Map.of("PJSIP/1", DeviceState.NOT_INUSE)));
    }
}
