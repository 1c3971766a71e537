package io.presencehub.asterisk;

import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Health check {@code asterisk}: UP while the AMI link is logged in and resynchronised, with how many
 * Setvars the hub still owes Asterisk (as check {@code teams} says for Graph), else DOWN with the reason.
 */
public final class AsteriskHealth extends AbstractHealthCheck {

    private final AmiConnection connection;
    private final AsteriskWriter writer;

    public AsteriskHealth(AmiConnection connection, AsteriskWriter writer) {
        super("presence-hub", "asterisk");
        this.connection = connection;
        this.writer = writer;
    }

    /** A lost Asterisk is not a reason to restart the hub: readiness only. */
    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        if (connection.isConnected()) {
            builder.message("AMI connected; writes owed: " + writer.pendingCount()).up();
        } else {
            builder.message("AMI not connected: " + connection.lastError() + "; writes owed: " + writer.pendingCount());
            builder.detail("ami.error", String.valueOf(connection.lastError()));
            builder.down();
        }
    }
}
