package io.presencehub.asterisk;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How the presence of a user with several extensions is chosen from Asterisk (seed 000, "Incoming Sync. Method"). */
public enum IncomingMethod {
    /** The default extension's presence. */
    DEFAULT_EXTENSION,
    /** The presence of the extension that changed most recently. */
    LATEST,
    /** The presence whose mapped type ranks highest in {@code status-type-priority}. */
    PRIORITY;

    /** The spelling used in settings: {@code default-extension}, {@code latest}, {@code priority}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses a setting value; the error names the key and the accepted values. */
    public static IncomingMethod parse(String key, String value) {
        return Arrays.stream(values()).filter(m -> m.code().equalsIgnoreCase(value.trim())).findFirst()
                .orElseThrow(() -> new IllegalStateException("setting " + key + " must be one of "
                        + Arrays.stream(values()).map(IncomingMethod::code).collect(Collectors.joining(", "))
                        + ", not '" + value + "'"));
    }
}
