package io.presencehub.asterisk;

import io.presencehub.calls.CallStates;

/**
 * Asterisk → hub for device states, the bean of route {@code asterisk-devices-in}: hands each coalesced report to the
 * call states (who is on the phone) and to the device writer (what Asterisk holds of the hub's own devices).
 */
public final class AsteriskDeviceReader {

    private final CallStates calls;
    private final AsteriskDeviceWriter writer;

    public AsteriskDeviceReader(CallStates calls, AsteriskDeviceWriter writer) {
        this.calls = calls;
        this.writer = writer;
    }

    /** Live DeviceStateChanges, the latest per device. */
    public void changed(AsteriskDeviceInbox.Changes changes) {
        calls.devicesChanged(changes.states());
        writer.observed(changes.states());
    }

    /** The DeviceStateList after a login; the device writer starts writing after it. */
    public void listed(AsteriskDeviceInbox.Listing listing) {
        calls.devicesListed(listing.states());
        writer.listed(listing.states());
    }
}
