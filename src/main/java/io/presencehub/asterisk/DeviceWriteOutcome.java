package io.presencehub.asterisk;

/** What became of one {@code Setvar DEVICE_STATE}: the write and Asterisk's answer, typed like presence writes. */
public record DeviceWriteOutcome(DeviceWrite write, AsteriskWriteOutcome.Result result, String detail) {
}
