package io.presencehub.model;

import java.util.List;
import java.util.Optional;

/** A tenant of a location: its statuses, its extensions and the users that group them. */
public record Tenant(String id, String name, List<StatusDef> statuses, List<Extension> extensions, List<User> users) {

    public Tenant {
        statuses = List.copyOf(statuses);
        extensions = List.copyOf(extensions);
        users = List.copyOf(users);
    }

    /** The status with this exact name. */
    public Optional<StatusDef> statusNamed(String name) {
        return statuses.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The status with this id. */
    public Optional<StatusDef> statusWithId(String id) {
        return statuses.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /** The first status of a type is that type's default. */
    public Optional<StatusDef> defaultStatus(StatusType type) {
        return statuses.stream().filter(s -> s.type() == type).findFirst();
    }

    /** The status a new extension starts with: the default "available" status, else the first one. */
    public StatusDef initialStatus() {
        return defaultStatus(StatusType.AVAILABLE).orElse(statuses.get(0));
    }

    /** The extension with this number. */
    public Optional<Extension> extensionNumbered(String number) {
        return extensions.stream().filter(e -> e.number().equals(number)).findFirst();
    }
}
