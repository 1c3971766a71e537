package io.presencehub.camel;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.apache.camel.util.TimeUtils;

/**
 * Typed access to the {@code hub.*} properties. Defaults live in the packaged
 * {@code application.properties}; JVM {@code -D} options and environment variables override them.
 */
public final class HubSettings {

    private final Function<String, Optional<String>> source;

    public HubSettings(Function<String, Optional<String>> source) {
        this.source = source;
    }

    public String text(String key) {
        return source.apply(key).map(String::trim)
                .orElseThrow(() -> new IllegalStateException("setting " + key + " is missing"));
    }

    public Optional<String> optionalText(String key) {
        return source.apply(key).map(String::trim).filter(v -> !v.isEmpty());
    }

    /** The trimmed value when the key is set at all, an empty value included. */
    public Optional<String> presentText(String key) {
        return source.apply(key).map(String::trim);
    }

    public int integer(String key) {
        String value = text(key);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("setting " + key + " must be a whole number, not '" + value + "'", e);
        }
    }

    public boolean flag(String key) {
        String value = text(key);
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw new IllegalStateException("setting " + key + " must be true or false, not '" + value + "'");
        }
        return Boolean.parseBoolean(value);
    }

    /** "10s", "200ms", "5m" or plain milliseconds, as Camel's timer reads them. */
    public Duration duration(String key) {
        String value = text(key);
        try {
            return Duration.ofMillis(TimeUtils.toMilliSeconds(value));
        } catch (RuntimeException e) {
            throw new IllegalStateException("setting " + key + " must be a duration like 10s or 200ms, not '" + value + "'", e);
        }
    }
}
