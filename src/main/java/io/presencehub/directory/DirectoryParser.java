package io.presencehub.directory;

import io.presencehub.model.Directory;
import io.presencehub.model.Extension;
import io.presencehub.model.Location;
import io.presencehub.model.StatusDef;
import io.presencehub.model.StatusType;
import io.presencehub.model.Tenant;
import io.presencehub.model.User;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Reads the directory YAML into a validated {@link Directory}. Every problem is reported with the
 * path of the offending entry, e.g. {@code locations[0].tenants[1].users[0]: extension 1009 is not
 * an extension of tenant Sales}.
 */
public final class DirectoryParser {

    private static final String DELIMITER = "@#";

    private final int maxSize;

    /** A parser for files of up to {@link DirectoryOptions#DEFAULTS}' {@code maxSize}. */
    public DirectoryParser() {
        this(DirectoryOptions.DEFAULTS.maxSize());
    }

    /** A parser for texts of up to {@code maxSize} characters (a file of that many bytes has no more). */
    public DirectoryParser(int maxSize) {
        this.maxSize = maxSize;
    }

    /** Parses a directory file's text. */
    public Directory parse(String yaml) {
        return parse(new StringReader(yaml));
    }

    /**
     * Parses a directory file's bytes, which must be UTF-8, reading them as it goes: a large file is not held a second
     * time as text.
     */
    public Directory parse(byte[] utf8) {
        DirectoryFile.checkUtf8(utf8);
        return parse(new InputStreamReader(new ByteArrayInputStream(utf8), StandardCharsets.UTF_8));
    }

    private Directory parse(Reader yaml) {
        try {
            return directory(yaml);
        } catch (StackOverflowError e) {
            // the nesting limit should make this impossible; a reload must still never die of it
            throw new DirectoryException("nested too deeply to read (stack overflow)", e);
        }
    }

    private Directory directory(Reader yaml) {
        Object root;
        try {
            LoadSettings settings = LoadSettings.builder().setCodePointLimit(maxSize).build();
            root = DirectoryYamlReader.read(settings, yaml);
        } catch (YamlEngineException e) {
            throw new DirectoryException("not valid YAML: " + e.getMessage().replace('\n', ' '), e);
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw new DirectoryException("the file must be a mapping with a 'locations' list");
        }
        List<Location> locations = new ArrayList<>();
        List<Map<?, ?>> entries = list(map, "locations", "");
        UniqueNames names = new UniqueNames("location");
        Claimed claimed = new Claimed(new HashSet<>(), new HashSet<>());
        for (int i = 0; i < entries.size(); i++) {
            String path = "locations[" + i + "]";
            Location location = location(entries.get(i), path, claimed);
            names.add(path, location.id(), location.name());
            locations.add(location);
        }
        return new Directory(locations);
    }

    private Location location(Map<?, ?> map, String path, Claimed claimed) {
        String name = name(map, "name", path);
        List<Tenant> tenants = new ArrayList<>();
        List<Map<?, ?>> entries = list(map, "tenants", path);
        UniqueNames names = new UniqueNames("tenant");
        for (int i = 0; i < entries.size(); i++) {
            String tenantPath = path + ".tenants[" + i + "]";
            Tenant tenant = tenant(entries.get(i), tenantPath, claimed);
            names.add(tenantPath, tenant.id(), tenant.name());
            tenants.add(tenant);
        }
        return new Location(id(map, name, path), name, tenants);
    }

    private Tenant tenant(Map<?, ?> map, String path, Claimed claimed) {
        String name = name(map, "name", path);
        List<StatusDef> statuses = statuses(map, path);
        List<Extension> extensions = extensions(map, path, claimed);
        List<User> users = users(map, path, extensions, name);
        return new Tenant(id(map, name, path), name, statuses, extensions, users);
    }

    private List<StatusDef> statuses(Map<?, ?> tenant, String path) {
        List<Map<?, ?>> entries = list(tenant, "statuses", path);
        if (entries.isEmpty()) {
            throw new DirectoryException(path + ": a tenant needs at least one status");
        }
        List<StatusDef> statuses = new ArrayList<>();
        UniqueNames names = new UniqueNames("status");
        for (int i = 0; i < entries.size(); i++) {
            String statusPath = path + ".statuses[" + i + "]";
            Map<?, ?> entry = entries.get(i);
            String name = name(entry, "name", statusPath);
            String typeText = scalar(entry, "type", statusPath);
            StatusType type = StatusType.fromCode(typeText).orElseThrow(() -> new DirectoryException(
                    statusPath + ": type '" + typeText + "' is not one of available, chat, away, xa, dnd, unavailable"));
            String id = id(entry, name, statusPath);
            names.add(statusPath, id, name);
            statuses.add(new StatusDef(id, name, type));
        }
        return statuses;
    }

    private List<Extension> extensions(Map<?, ?> tenant, String path, Claimed claimed) {
        List<Extension> extensions = new ArrayList<>();
        UniqueNames numbers = new UniqueNames("extension");
        List<Map<?, ?>> entries = list(tenant, "extensions", path);
        for (int i = 0; i < entries.size(); i++) {
            String extPath = path + ".extensions[" + i + "]";
            Map<?, ?> entry = entries.get(i);
            String number = name(entry, "number", extPath);
            String id = id(entry, number, extPath);
            // checked before the presentity: a number used twice in one tenant is the real problem
            numbers.add(extPath, id, number);
            String presentity = entry.containsKey("presentity")
                    ? scalar(entry, "presentity", extPath) : Extension.defaultPresentity(number);
            if (!claimed.presentities().add(presentity)) {
                throw new DirectoryException(extPath + ": presentity " + presentity
                        + " is already used by another extension; tenants that reuse a number need their own presentity");
            }
            List<String> devices = ExtensionDevices.devices(entry, extPath);
            String teamsDevice = ExtensionDevices.teamsDevice(entry, extPath);
            if (teamsDevice != null && !claimed.teamsDevices().add(teamsDevice)) {
                throw new DirectoryException(extPath + ": teamsDevice " + teamsDevice
                        + " is already used by another extension; every extension needs its own teamsDevice");
            }
            extensions.add(new Extension(id, number, presentity, devices, teamsDevice));
        }
        return extensions;
    }

    private List<User> users(Map<?, ?> tenant, String path, List<Extension> extensions, String tenantName) {
        Set<String> numbers = new HashSet<>();
        extensions.forEach(e -> numbers.add(e.number()));
        Map<String, String> claimedBy = new HashMap<>();
        Set<String> ids = new HashSet<>();
        List<User> users = new ArrayList<>();
        List<Map<?, ?>> entries = list(tenant, "users", path);
        for (int i = 0; i < entries.size(); i++) {
            String userPath = path + ".users[" + i + "]";
            Map<?, ?> entry = entries.get(i);
            String id = name(entry, "id", userPath);
            if (id.startsWith("ext:") || !ids.add(id)) {
                throw new DirectoryException(userPath + ": user id '" + id + "' is used twice or reserved");
            }
            List<String> own = new ArrayList<>();
            for (Object number : rawList(entry, "extensions", userPath)) {
                String text = String.valueOf(number);
                if (!numbers.contains(text)) {
                    throw new DirectoryException(userPath + ": extension " + text + " is not an extension of tenant " + tenantName);
                }
                String previous = claimedBy.putIfAbsent(text, id);
                if (previous != null) {
                    throw new DirectoryException(userPath + ": extension " + text + " already belongs to user " + previous);
                }
                own.add(text);
            }
            if (own.isEmpty()) {
                throw new DirectoryException(userPath + ": a user needs at least one extension");
            }
            String defaultExtension = entry.containsKey("defaultExtension")
                    ? scalar(entry, "defaultExtension", userPath) : own.get(0);
            if (!own.contains(defaultExtension)) {
                throw new DirectoryException(userPath + ": defaultExtension " + defaultExtension + " is not one of the user's extensions");
            }
            String email = entry.containsKey("email") ? scalar(entry, "email", userPath) : null;
            users.add(new User(id, email, own, defaultExtension));
        }
        return users;
    }

    private static String id(Map<?, ?> map, String name, String path) {
        return map.containsKey("id") ? scalar(map, "id", path) : name;
    }

    /** A display name: non-empty, one line, without the status interface's delimiter. */
    private static String name(Map<?, ?> map, String key, String path) {
        String value = scalar(map, key, path);
        if (value.isBlank()) {
            throw new DirectoryException(path + ": " + key + " must not be empty");
        }
        if (value.contains(DELIMITER) || value.contains("\n") || value.contains("\r")) {
            throw new DirectoryException(path + ": " + key + " '" + value.replace("\n", "\\n")
                    + "' must not contain '@#' or a line break (the status interface uses them)");
        }
        return value;
    }

    private static String scalar(Map<?, ?> map, String key, String path) {
        Object value = map.get(key);
        if (value == null) {
            throw new DirectoryException(path + ": " + key + " is missing");
        }
        if (value instanceof Map || value instanceof List) {
            throw new DirectoryException(path + ": " + key + " must be a single value");
        }
        return String.valueOf(value);
    }

    private static List<?> rawList(Map<?, ?> map, String key, String path) {
        Object value = map.get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new DirectoryException(prefix(path) + key + " must be a list");
        }
        return list;
    }

    private static List<Map<?, ?>> list(Map<?, ?> map, String key, String path) {
        List<?> raw = rawList(map, key, path);
        List<Map<?, ?>> maps = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            if (!(raw.get(i) instanceof Map<?, ?> entry)) {
                throw new DirectoryException(prefix(path) + key + "[" + i + "] must be a mapping");
            }
            maps.add(entry);
        }
        return maps;
    }

    private static String prefix(String path) {
        return path.isEmpty() ? "" : path + ".";
    }

    /** Names an extension claims for the whole directory: two extensions must never share one. */
    private record Claimed(Set<String> presentities, Set<String> teamsDevices) {
    }

    /** Sibling names and ids must be unique, or the status interface could not address them. */
    private static final class UniqueNames {
        private final String what;
        private final Set<String> names = new HashSet<>();
        private final Set<String> ids = new HashSet<>();

        UniqueNames(String what) {
            this.what = what;
        }

        void add(String path, String id, String name) {
            if (!names.add(name)) {
                throw new DirectoryException(path + ": " + what + " '" + name + "' is defined twice");
            }
            if (!ids.add(id)) {
                throw new DirectoryException(path + ": " + what + " id '" + id + "' is used twice");
            }
        }
    }
}
