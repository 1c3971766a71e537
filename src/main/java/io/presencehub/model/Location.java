package io.presencehub.model;

import java.util.List;

/** A site of the phone system, holding tenants. */
public record Location(String id, String name, List<Tenant> tenants) {

    public Location {
        tenants = List.copyOf(tenants);
    }
}
