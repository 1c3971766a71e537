package io.presencehub.camel;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.function.Function;

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

    /**
     * A duration in any of the forms the hub accepts everywhere: plain milliseconds ({@code 2000}),
     * a number with a unit ({@code 500ms}, {@code 10s}, {@code 5m}, {@code 1h}, {@code 1m30s}) or
     * ISO-8601 ({@code PT4H}, {@code PT0.5S}).
     */
    public Duration duration(String key) {
        String value = text(key);
        try {
            Duration duration = value.regionMatches(true, 0, "P", 0, 1) ? Duration.parse(value)
                    : value.chars().allMatch(Character::isDigit) ? Duration.ofMillis(Long.parseLong(value))
                    : unitDuration(value);
            if (duration.isNegative()) {
                throw new IllegalArgumentException("negative");
            }
            return duration;
        } catch (RuntimeException e) {
            throw new IllegalStateException("setting " + key + " must be a duration like 500ms, 10s, PT4H or plain"
                    + " milliseconds, not '" + value + "'", e);
        }
    }

    private static final Pattern UNIT_PART = Pattern.compile("(\\d+)(ms|h|m|s)");

    /** {@code 500ms}, {@code 10s}, {@code 1h30m}: whole numbers with units, largest first. */
    private static Duration unitDuration(String value) {
        Matcher part = UNIT_PART.matcher(value.toLowerCase(Locale.ROOT));
        Duration total = Duration.ZERO;
        int end = 0;
        while (part.find() && part.start() == end) {
            long amount = Long.parseLong(part.group(1));
            total = total.plus(switch (part.group(2)) {
                case "h" -> Duration.ofHours(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "s" -> Duration.ofSeconds(amount);
                default -> Duration.ofMillis(amount);
            });
            end = part.end();
        }
        if (end == 0 || end != value.length()) {
            throw new IllegalArgumentException("not a duration");
        }
        return total;
    }

    public boolean flag(String key) {
        String value = text(key);
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw new IllegalStateException("setting " + key + " must be true or false, not '" + value + "'");
        }
        return Boolean.parseBoolean(value);
    }
}
