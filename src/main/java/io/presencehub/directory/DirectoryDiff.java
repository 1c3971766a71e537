package io.presencehub.directory;

import io.presencehub.model.Directory;
import io.presencehub.model.DirectoryEvent;
import io.presencehub.model.DirectoryEvent.Kind;
import io.presencehub.model.Extension;
import io.presencehub.model.Location;
import io.presencehub.model.StatusDef;
import io.presencehub.model.Tenant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Compares two directories by id and lists what was added, removed and renamed, outermost first;
 * at each level removals, then renames, then additions, so an addition may reuse a freed name.
 * An added location or tenant is followed by the additions of everything in it, so a client can
 * build its model from the events alone; a removal is reported only at the outermost level.
 */
public final class DirectoryDiff {

    private DirectoryDiff() {
    }

    public static List<DirectoryEvent> between(Directory before, Directory after) {
        List<DirectoryEvent> events = new ArrayList<>();
        Map<String, Location> old = byId(before.locations(), Location::id);
        Map<String, Location> now = byId(after.locations(), Location::id);
        old.values().stream().filter(l -> !now.containsKey(l.id()))
                .forEach(l -> events.add(DirectoryEvent.of(Kind.LOCATION_REMOVED, l.name())));
        for (Location location : after.locations()) {
            Location previous = old.get(location.id());
            if (previous == null) {
                continue;
            }
            if (!previous.name().equals(location.name())) {
                events.add(DirectoryEvent.of(Kind.LOCATION_RENAMED, previous.name(), location.name()));
            }
            diffTenants(events, location.name(), previous, location);
        }
        // additions last: one may reuse a name a rename above has just freed
        after.locations().stream().filter(l -> !old.containsKey(l.id())).forEach(location -> {
            events.add(DirectoryEvent.of(Kind.LOCATION_ADDED, location.name()));
            location.tenants().forEach(t -> addTenant(events, location.name(), t));
        });
        return events;
    }

    private static void diffTenants(List<DirectoryEvent> events, String location, Location before, Location after) {
        Map<String, Tenant> old = byId(before.tenants(), Tenant::id);
        Map<String, Tenant> now = byId(after.tenants(), Tenant::id);
        old.values().stream().filter(t -> !now.containsKey(t.id()))
                .forEach(t -> events.add(DirectoryEvent.of(Kind.TENANT_REMOVED, location, t.name())));
        for (Tenant tenant : after.tenants()) {
            Tenant previous = old.get(tenant.id());
            if (previous == null) {
                continue;
            }
            if (!previous.name().equals(tenant.name())) {
                events.add(DirectoryEvent.of(Kind.TENANT_RENAMED, location, previous.name(), tenant.name()));
            }
            diffMembers(events, location, tenant.name(), previous.statuses(), tenant.statuses(), StatusDef::id,
                    StatusDef::name, Kind.STATUS_ADDED, Kind.STATUS_REMOVED, Kind.STATUS_RENAMED);
            diffMembers(events, location, tenant.name(), previous.extensions(), tenant.extensions(), Extension::id,
                    Extension::number, Kind.EXTENSION_ADDED, Kind.EXTENSION_REMOVED, Kind.EXTENSION_RENAMED);
        }
        after.tenants().stream().filter(t -> !old.containsKey(t.id())).forEach(t -> addTenant(events, location, t));
    }

    private static void addTenant(List<DirectoryEvent> events, String location, Tenant tenant) {
        events.add(DirectoryEvent.of(Kind.TENANT_ADDED, location, tenant.name()));
        tenant.statuses().forEach(s -> events.add(DirectoryEvent.of(Kind.STATUS_ADDED, location, tenant.name(), s.name())));
        tenant.extensions().forEach(e -> events.add(
                DirectoryEvent.of(Kind.EXTENSION_ADDED, location, tenant.name(), e.number())));
    }

    private static <T> void diffMembers(List<DirectoryEvent> events, String location, String tenant, List<T> before,
                                        List<T> after, Function<T, String> id, Function<T, String> name,
                                        Kind added, Kind removed, Kind renamed) {
        Map<String, T> old = byId(before, id);
        Map<String, T> now = byId(after, id);
        old.values().stream().filter(m -> !now.containsKey(id.apply(m)))
                .forEach(m -> events.add(DirectoryEvent.of(removed, location, tenant, name.apply(m))));
        for (T member : after) {
            T previous = old.get(id.apply(member));
            if (previous != null && !name.apply(previous).equals(name.apply(member))) {
                events.add(DirectoryEvent.of(renamed, location, tenant, name.apply(previous), name.apply(member)));
            }
        }
        after.stream().filter(m -> !old.containsKey(id.apply(m)))
                .forEach(m -> events.add(DirectoryEvent.of(added, location, tenant, name.apply(m))));
    }

    private static <T> Map<String, T> byId(List<T> items, Function<T, String> id) {
        return items.stream().collect(Collectors.toMap(id, Function.identity(), (a, b) -> a,
                java.util.LinkedHashMap::new));
    }
}
