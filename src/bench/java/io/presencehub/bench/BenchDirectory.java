package io.presencehub.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The generated directory: {@code locations × tenants × extensionsPerTenant} extensions, each its
 * own user (no user claims it), every tenant with the same few statuses. Extension {@code g}
 * (0-based, global) has the unique number {@code 100000 + g}.
 */
final class BenchDirectory {

    /** The tenant's statuses; the first (type available) is every extension's initial status. */
    static final List<String[]> STATUSES = List.of(
            new String[] {"Available", "available"},
            new String[] {"Away", "away"},
            new String[] {"Busy", "unavailable"},
            new String[] {"Lunch", "away"},
            new String[] {"Do Not Disturb", "dnd"},
            new String[] {"Außer Haus", "xa"});

    final int locations;
    final int tenantsPerLocation;
    final int extensionsPerTenant;
    private final String[] addresses;

    BenchDirectory(int locations, int tenantsPerLocation, int extensionsPerTenant) {
        this.locations = locations;
        this.tenantsPerLocation = tenantsPerLocation;
        this.extensionsPerTenant = extensionsPerTenant;
        this.addresses = new String[extensionCount()];
        for (int g = 0; g < addresses.length; g++) {
            addresses[g] = locationName(g / (tenantsPerLocation * extensionsPerTenant)) + "@#"
                    + tenantName((g / extensionsPerTenant) % tenantsPerLocation) + "@#" + number(g);
        }
    }

    int extensionCount() {
        return locations * tenantsPerLocation * extensionsPerTenant;
    }

    int statusCount() {
        return STATUSES.size();
    }

    /** {@code <location>@#<tenant>@#<number>} of extension g. */
    String address(int g) {
        return addresses[g];
    }

    static String statusName(int index) {
        return STATUSES.get(index)[0];
    }

    Path write(Path folder) throws IOException {
        StringBuilder yaml = new StringBuilder("locations:\n");
        for (int l = 0; l < locations; l++) {
            yaml.append("  - name: ").append(locationName(l)).append("\n    id: loc").append(l + 1)
                    .append("\n    tenants:\n");
            for (int t = 0; t < tenantsPerLocation; t++) {
                appendTenant(yaml, l, t);
            }
        }
        Path file = folder.resolve("directory.yaml");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return file;
    }

    private void appendTenant(StringBuilder yaml, int l, int t) {
        yaml.append("      - name: ").append(tenantName(t)).append("\n        id: t").append(t + 1)
                .append("\n        statuses:\n");
        for (String[] status : STATUSES) {
            yaml.append("          - {name: ").append(status[0]).append(", type: ").append(status[1]).append("}\n");
        }
        yaml.append("        extensions:\n");
        int first = (l * tenantsPerLocation + t) * extensionsPerTenant;
        for (int g = first; g < first + extensionsPerTenant; g++) {
            yaml.append("          - {number: \"").append(number(g)).append("\"}\n");
        }
    }

    private static String locationName(int l) {
        return "Location " + (l + 1);
    }

    private static String tenantName(int t) {
        return "Tenant " + (t + 1);
    }

    private static String number(int g) {
        return Integer.toString(100000 + g);
    }
}
