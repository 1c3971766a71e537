package io.presencehub.directory;

import io.presencehub.model.Directory;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A reload that would remove most of the directory: more than half of its extensions, or every
 * location. That is what a truncated file ({@code locations: []}, half a file) looks like, so it
 * is held back instead of sending every client a removal for everything.
 */
record MassRemoval(int extensionsRemoved, int extensions, int locationsRemoved, int locations) {

    static Optional<MassRemoval> between(Directory before, Directory after) {
        Set<List<String>> kept = extensionIds(after);
        Set<List<String>> old = extensionIds(before);
        int extensionsRemoved = (int) old.stream().filter(id -> !kept.contains(id)).count();
        Set<String> keptLocations = new HashSet<>();
        after.locations().forEach(l -> keptLocations.add(l.id()));
        int locationsRemoved = (int) before.locations().stream().filter(l -> !keptLocations.contains(l.id())).count();
        MassRemoval removal = new MassRemoval(extensionsRemoved, old.size(), locationsRemoved, before.locations().size());
        boolean mostExtensions = extensionsRemoved * 2 > old.size();
        boolean everyLocation = !before.locations().isEmpty() && after.locations().isEmpty();
        return mostExtensions || everyLocation ? Optional.of(removal) : Optional.empty();
    }

    /** E.g. {@code it would remove 5 of 6 extensions and 1 of 2 locations}. */
    String describe() {
        return "it would remove " + extensionsRemoved + " of " + extensions + " extensions and " + locationsRemoved
                + " of " + locations + " locations";
    }

    /** Location, tenant and extension id: what keeps an extension's state across a reload. */
    private static Set<List<String>> extensionIds(Directory directory) {
        Set<List<String>> ids = new HashSet<>();
        directory.locations().forEach(l -> l.tenants().forEach(t -> t.extensions()
                .forEach(e -> ids.add(List.of(l.id(), t.id(), e.id())))));
        return ids;
    }
}
