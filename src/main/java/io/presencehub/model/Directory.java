package io.presencehub.model;

import java.util.List;
import java.util.Optional;

/** The whole configured directory: locations, tenants, statuses, extensions and users. */
public record Directory(List<Location> locations) {

    public Directory {
        locations = List.copyOf(locations);
    }

    /** The location with this name. */
    public Optional<Location> locationNamed(String name) {
        return locations.stream().filter(l -> l.name().equals(name)).findFirst();
    }
}
