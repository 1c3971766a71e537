package io.presencehub.asterisk;

import io.presencehub.calls.CallDevices;
import io.presencehub.calls.CallStates;
import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Health check {@code asterisk}: UP while the AMI link is logged in and resynchronised, with how many
 * Setvars the hub still owes Asterisk (as check {@code teams} says for Graph), else DOWN with the reason; and the
 * device-state link beside it: whether the device list of the last login arrived, how many devices are followed
 * and how many device writes are owed.
 */
public final class AsteriskHealth extends AbstractHealthCheck {

    private final AmiConnection connection;
    private final AsteriskWriter writer;
    private final AsteriskDeviceWriter deviceWriter;
    private final CallStates calls;

    public AsteriskHealth(AmiConnection connection, AsteriskWriter writer, AsteriskDeviceWriter deviceWriter,
                          CallStates calls) {
        super("presence-hub", "asterisk");
        this.connection = connection;
        this.writer = writer;
        this.deviceWriter = deviceWriter;
        this.calls = calls;
    }

    /** A lost Asterisk is not a reason to restart the hub: readiness only. */
    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        CallDevices devices = calls.devices();
        String deviceLink = "; device states: " + deviceWriter.listedAt().map(at -> "listed at " + at)
                .orElse("not listed yet") + ", " + devices.phoneDevices().size() + " phones and "
                + devices.teamsDevices().size() + " Teams devices followed, device writes owed: "
                + deviceWriter.pendingCount();
        builder.detail("devices.listed", deviceWriter.listedAt().isPresent());
        builder.detail("devices.writes-owed", deviceWriter.pendingCount());
        if (connection.isConnected()) {
            builder.message("AMI connected; writes owed: " + writer.pendingCount() + deviceLink).up();
        } else {
            builder.message("AMI not connected: " + connection.lastError() + "; writes owed: " + writer.pendingCount()
                    + deviceLink);
            builder.detail("ami.error", String.valueOf(connection.lastError()));
            builder.down();
        }
    }
}
