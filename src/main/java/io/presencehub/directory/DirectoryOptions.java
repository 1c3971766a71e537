package io.presencehub.directory;

import java.time.Duration;

/**
 * How cautious reloads are: the largest file read ({@code hub.directory.max-size}, bytes), and
 * whether a reload that removes most of the directory applies at once
 * ({@code hub.directory.allow-mass-removal}) or only after the file stayed unchanged for
 * {@code hub.directory.mass-removal-hold}.
 */
public record DirectoryOptions(int maxSize, boolean allowMassRemoval, Duration massRemovalHold) {

    /** The defaults of {@code application.properties}: 32 MiB holds 100,000 extensions with users and e-mails (21-23 MB). */
    public static final DirectoryOptions DEFAULTS = new DirectoryOptions(32 * 1024 * 1024, false, Duration.ofMinutes(5));

    public DirectoryOptions {
        if (maxSize <= 0 || maxSize == Integer.MAX_VALUE) {
            throw new IllegalArgumentException("the maximum directory size must be 1 to " + (Integer.MAX_VALUE - 1)
                    + " bytes, not " + maxSize);
        }
        if (massRemovalHold.isNegative()) {
            throw new IllegalArgumentException("the mass-removal hold must not be negative: " + massRemovalHold);
        }
    }
}
