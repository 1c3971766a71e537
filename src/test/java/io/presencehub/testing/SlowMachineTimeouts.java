package io.presencehub.testing;

import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Awaitility's default ceiling for every test class (registered through
 * {@code META-INF/services/org.junit.jupiter.api.extension.Extension}, enabled in
 * {@code junit-platform.properties}). Awaitility's own default of 10 s is too short for a hub
 * start, a reconnect back-off or a Graph Retry-After on a slow or loaded CI machine; a ceiling only
 * bounds how long a failing test takes, a passing one returns as soon as its condition holds.
 */
public final class SlowMachineTimeouts implements BeforeAllCallback {

    /** The ceiling of an {@code await()} that names none; fixtures that name one use this too. */
    public static final Duration AWAIT = Duration.ofSeconds(30);

    @Override
    public void beforeAll(ExtensionContext context) {
        Awaitility.setDefaultTimeout(AWAIT);
    }
}
