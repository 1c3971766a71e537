package io.presencehub.asterisk;

import io.presencehub.calls.DeviceState;

/** One state the hub wants one of its own Custom devices to have: {@code DEVICE_STATE(device)=state}. */
public record DeviceWrite(String device, DeviceState state) {
}
