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
}
