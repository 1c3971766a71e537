package io.presencehub.testing;

/** Directory files used by the tests. */
public final class TestDirectories {

    private TestDirectories() {
    }

    /**
     * Two locations; HQ/Sales has alice (1001 default, 1002) and bob (1003), 1004 is unclaimed;
     * HQ/Support reuses number 1001; the second location has non-ASCII names.
     */
    public static final String SMALL = """
            locations:
              - name: HQ
                id: hq
                tenants:
                  - name: Sales
                    id: sales
                    statuses:
                      - {name: Available, type: available}
                      - {name: Lunch, type: away}
                      - {name: Away, type: away}
                      - {name: Do Not Disturb, type: dnd, id: sales-dnd}
                    extensions:
                      - {number: "1001"}
                      - {number: "1002", presentity: "CustomPresence:sales-1002"}
                      - {number: "1003"}
                      - {number: "1004"}
                    users:
                      - {id: alice, email: alice@example.com, extensions: ["1001", "1002"], defaultExtension: "1001"}
                      - {id: bob, extensions: ["1003"]}
                  - name: Support
                    id: support
                    statuses:
                      - {name: Available, type: available}
                      - {name: Busy, type: unavailable}
                    extensions:
                      - {number: "1001", presentity: "CustomPresence:support-1001"}
              - name: Zürich Büro
                id: zurich
                tenants:
                  - name: Ventes
                    id: ventes
                    statuses:
                      - {name: Disponible, type: available}
                      - {name: Ne pas déranger, type: dnd}
                    extensions:
                      - {number: "3001"}
            """;

    /**
     * One location with {@code extensions} extensions, 1,000 per tenant, each with its own presentity and claimed
     * by a user with an e-mail address: about 190 bytes per extension, as a verbose real directory has.
     */
    public static String generated(int extensions) {
        StringBuilder yaml = new StringBuilder("locations:\n  - name: Generated\n    tenants:\n");
        for (int first = 0; first < extensions; first += 1000) {
            int tenant = first / 1000 + 1;
            yaml.append("      - name: Tenant ").append(tenant).append("\n        statuses:\n")
                    .append("          - {name: Available, type: available}\n")
                    .append("          - {name: Away, type: away}\n")
                    .append("        extensions:\n");
            int last = Math.min(extensions, first + 1000);
            for (int g = first; g < last; g++) {
                yaml.append("          - {number: \"").append(100000 + g).append("\", presentity: \"CustomPresence:tenant-")
                        .append(tenant).append('-').append(100000 + g).append("\"}\n");
            }
            yaml.append("        users:\n");
            for (int g = first; g < last; g++) {
                yaml.append("          - {id: user.").append(100000 + g).append(", email: firstname.lastname.")
                        .append(100000 + g).append("@example-company.com, extensions: [\"").append(100000 + g)
                        .append("\"], defaultExtension: \"").append(100000 + g).append("\"}\n");
            }
        }
        return yaml.toString();
    }
}
