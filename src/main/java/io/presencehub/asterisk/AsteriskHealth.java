package io.presencehub.asterisk;

import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/** Health check {@code asterisk}: UP while the AMI link is logged in and resynchronised, else DOWN with the reason. */
public final class AsteriskHealth extends AbstractHealthCheck {

    private final AmiConnection connection;

    public AsteriskHealth(AmiConnection connection) {
        super("presence-hub", "asterisk");
        this.connection = connection;
    }

    /** A lost Asterisk is not a reason to restart the hub: readiness only. */
    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        if (connection.isConnected()) {
            builder.up();
        } else {
            builder.message("AMI not connected: " + connection.lastError());
            builder.detail("ami.error", String.valueOf(connection.lastError()));
            builder.down();
        }
    }
}
