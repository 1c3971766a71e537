package io.presencehub.directory;

import io.presencehub.model.Extension;
import io.presencehub.model.Location;
import io.presencehub.model.Tenant;
import io.presencehub.model.UserKey;

/** One extension with everything around it: its location, tenant and the user it belongs to. */
public record ExtensionEntry(Location location, Tenant tenant, Extension extension, UserKey user) {
}
