package io.presencehub.asterisk;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Which of a user's extensions the hub writes to Asterisk (seed 000, "Outgoing Sync. Method"). */
public enum OutgoingMethod {
    /** Only the user's default extension. */
    DEFAULT_EXTENSION,
    /** Every extension of the user. */
    ALL;

    /** The spelling used in settings: {@code default-extension}, {@code all}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses a setting value; the error names the key and the accepted values. */
    public static OutgoingMethod parse(String key, String value) {
        return Arrays.stream(values()).filter(m -> m.code().equalsIgnoreCase(value.trim())).findFirst()
                .orElseThrow(() -> new IllegalStateException("setting " + key + " must be one of "
                        + Arrays.stream(values()).map(OutgoingMethod::code).collect(Collectors.joining(", "))
                        + ", not '" + value + "'"));
    }
}
