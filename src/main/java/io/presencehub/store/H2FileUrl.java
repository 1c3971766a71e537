package io.presencehub.store;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * An H2 URL of a database in a file ({@code jdbc:h2:file:./data/hub}, {@code jdbc:h2:./data/hub},
 * {@code jdbc:h2:~/hub}), and the same URL made durable. H2 writes a commit to its file only
 * {@code WRITE_DELAY} ms later (500 by default): a {@code kill -9} in between loses changes the hub
 * has already acknowledged. With {@code WRITE_DELAY=0} the commit is in the file when it returns, so
 * the hub adds it to every such URL instead of relying on the operator to write it.
 */
final class H2FileUrl {

    private static final String PREFIX = "jdbc:h2:";
    private static final String WRITE_DELAY = "WRITE_DELAY";
    /** H2 databases that live in memory or in a server: no file of ours, no setting of ours. */
    private static final Set<String> NOT_A_FILE = Set.of("mem", "tcp", "ssl", "zip", "memfs", "memlzf");

    private final String database;
    private final List<String> settings;
    private final String replacedWriteDelay;

    private H2FileUrl(String database, List<String> settings, String replacedWriteDelay) {
        this.database = database;
        this.settings = settings;
        this.replacedWriteDelay = replacedWriteDelay;
    }

    /** The URL as an H2 file URL; empty for any other URL (PostgreSQL, H2 in memory or on a server). */
    static Optional<H2FileUrl> parse(String url) {
        if (!url.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String[] parts = url.substring(PREFIX.length()).split(";");
        String database = parts[0];
        if (NOT_A_FILE.contains(scheme(database))) {
            return Optional.empty();
        }
        List<String> settings = new ArrayList<>();
        String replaced = null;
        boolean delaySet = false;
        for (int i = 1; i < parts.length; i++) {
            String setting = parts[i];
            String[] keyValue = setting.split("=", 2);
            if (keyValue[0].trim().equalsIgnoreCase(WRITE_DELAY)) {
                String value = keyValue.length > 1 ? keyValue[1].trim() : "";
                if (!value.equals("0")) {
                    replaced = value;
                }
                setting = WRITE_DELAY + "=0";
                delaySet = true;
            }
            if (!setting.isEmpty()) {
                settings.add(setting);
            }
        }
        if (!delaySet) {
            settings.add(WRITE_DELAY + "=0");
        }
        return Optional.of(new H2FileUrl(database, settings, replaced));
    }

    /** The URL to connect with: the operator's, with {@code WRITE_DELAY=0}. */
    String durable() {
        return PREFIX + database + ";" + String.join(";", settings);
    }

    /** The other {@code WRITE_DELAY} the operator's URL asked for, now 0; empty if it asked for none or 0. */
    Optional<String> replacedWriteDelay() {
        return Optional.ofNullable(replacedWriteDelay);
    }

    /**
     * The database file ({@code <path>.mv.db}) H2 will open, when the URL names a plain path
     * ({@code file:} or no prefix); empty for H2's other file systems ({@code nio:}, {@code split:} …).
     */
    Optional<Path> databaseFile() {
        String path = database.startsWith("file:") ? database.substring("file:".length()) : database;
        String scheme = scheme(path);
        // a scheme of one letter is a Windows drive (C:/data/hub), not a file system
        if (scheme.length() > 1) {
            return Optional.empty();
        }
        if (path.startsWith("~")) {
            path = System.getProperty("user.home") + path.substring(1);
        }
        return Optional.of(Path.of(path + ".mv.db").toAbsolutePath().normalize());
    }

    /** The letters before the first {@code :}, lower case; empty when there is none. */
    private static String scheme(String database) {
        int colon = database.indexOf(':');
        if (colon <= 0) {
            return "";
        }
        String scheme = database.substring(0, colon);
        return scheme.chars().allMatch(Character::isLetter) ? scheme.toLowerCase(Locale.ROOT) : "";
    }
}
