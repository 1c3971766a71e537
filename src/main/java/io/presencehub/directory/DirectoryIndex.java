package io.presencehub.directory;

import io.presencehub.model.Directory;
import io.presencehub.model.Extension;
import io.presencehub.model.Location;
import io.presencehub.model.Tenant;
import io.presencehub.model.User;
import io.presencehub.model.UserKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Fast look-ups over one immutable directory: by display names, by user and by presentity. */
public final class DirectoryIndex {

    private final Directory directory;
    private final Map<String, ExtensionEntry> byAddress = new HashMap<>();
    private final Map<String, ExtensionEntry> byPresentity = new HashMap<>();
    private final Map<UserKey, List<ExtensionEntry>> byUser = new LinkedHashMap<>();
    private final Map<UserKey, Tenant> tenantOfUser = new HashMap<>();
    private final Map<UserKey, User> users = new HashMap<>();

    public DirectoryIndex(Directory directory) {
        this.directory = directory;
        for (Location location : directory.locations()) {
            for (Tenant tenant : location.tenants()) {
                index(location, tenant);
            }
        }
    }

    private void index(Location location, Tenant tenant) {
        Map<String, UserKey> owner = new HashMap<>();
        for (User user : tenant.users()) {
            UserKey key = new UserKey(location.id(), tenant.id(), user.id());
            users.put(key, user);
            user.extensions().forEach(number -> owner.put(number, key));
        }
        for (Extension extension : tenant.extensions()) {
            UserKey key = owner.getOrDefault(extension.number(),
                    new UserKey(location.id(), tenant.id(), "ext:" + extension.id()));
            ExtensionEntry entry = new ExtensionEntry(location, tenant, extension, key);
            byAddress.put(address(location.name(), tenant.name(), extension.number()), entry);
            byPresentity.put(extension.presentity(), entry);
            byUser.computeIfAbsent(key, k -> new ArrayList<>()).add(entry);
            tenantOfUser.put(key, tenant);
        }
    }

    public Directory directory() {
        return directory;
    }

    /** The extension addressed by location name, tenant name and extension number. */
    public Optional<ExtensionEntry> extension(String location, String tenant, String number) {
        return Optional.ofNullable(byAddress.get(address(location, tenant, number)));
    }

    /** The extension whose Asterisk presentity this is. */
    public Optional<ExtensionEntry> extensionWithPresentity(String presentity) {
        return Optional.ofNullable(byPresentity.get(presentity));
    }

    /** Every extension of a user, in directory order; empty for an unknown user. */
    public List<ExtensionEntry> extensionsOf(UserKey user) {
        return byUser.getOrDefault(user, List.of());
    }

    /** The tenant a user belongs to. */
    public Optional<Tenant> tenantOf(UserKey user) {
        return Optional.ofNullable(tenantOfUser.get(user));
    }

    /** The declared user behind a key; empty for an extension that is a user of its own. */
    public Optional<User> user(UserKey user) {
        return Optional.ofNullable(users.get(user));
    }

    /** Every user, declared or implicit, in directory order. */
    public Collection<UserKey> userKeys() {
        return Collections.unmodifiableSet(byUser.keySet());
    }

    private static String address(String location, String tenant, String number) {
        return location + "\u0000" + tenant + "\u0000" + number;
    }
}
