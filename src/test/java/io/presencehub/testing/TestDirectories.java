package io.presencehub.testing;

import io.presencehub.model.UserKey;

/**
 * The directory files the tests use, and the users of {@link #SMALL} they talk about. A test that needs a variant
 * edits {@link #SMALL} with {@link #smallWith}; a test of the directory parser or of one directory rule keeps its
 * own few lines next to its assertions.
 */
public final class TestDirectories {

    /** alice in {@link #SMALL}: extensions 1001 (default) and 1002, e-mail alice@example.com. */
    public static final UserKey ALICE = new UserKey("hq", "sales", "alice");
    /** bob in {@link #SMALL}: extension 1003, no e-mail. */
    public static final UserKey BOB = new UserKey("hq", "sales", "bob");
    /** The presentity of alice's default extension 1001: what her phone shows and sets. */
    public static final String ALICE_PHONE = "CustomPresence:1001";
    /** The presentity of bob's extension 1003. */
    public static final String BOBS_PHONE = "CustomPresence:1003";
    /** The id tests give alice's Microsoft 365 account in a {@code FakeGraph} (matched by her e-mail). */
    public static final String ALICE_TEAMS_ID = "u-alice";

    private TestDirectories() {
    }

    /**
     * Two locations; HQ/Sales has alice (1001 default, 1002) and bob (1003), 1004 is unclaimed;
     * HQ/Support reuses number 1001 (with its own presentity and Teams device); the second location has non-ASCII
     * names.
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
                      - {number: "1001", presentity: "CustomPresence:support-1001", teamsDevice: "Custom:teams-support-1001"}
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

    /** HQ (id hq) / Sales (id sales) with the statuses Available, Away and Do Not Disturb: more statuses, then extensions follow. */
    private static final String HQ_SALES = """
            locations:
              - name: HQ
                id: hq
                tenants:
                  - name: Sales
                    id: sales
                    statuses:
                      - {name: Available, type: available}
                      - {name: Away, type: away}
                      - {name: Do Not Disturb, type: dnd}
            """;

    /** Ben (extension 2001, desk phone {@code PJSIP/2001} by the default pattern) of {@link #BEN_AND_EMIL}. */
    public static final UserKey BEN = new UserKey("hq", "sales", "ben");
    /** Emil (extension 4001, Teams device {@code Custom:teams-4001}) of {@link #BEN_AND_EMIL}. */
    public static final UserKey EMIL = new UserKey("hq", "sales", "emil");

    /** HQ/Sales with ben and emil, both with e-mails (ben@example.com, emil@example.com): the call-state tests. */
    public static final String BEN_AND_EMIL = HQ_SALES
            + "        extensions:\n"
            + "          - {number: \"2001\"}\n"
            + "          - {number: \"4001\"}\n"
            + "        users:\n"
            + "          - {id: ben, email: ben@example.com, extensions: [\"2001\"]}\n"
            + "          - {id: emil, email: emil@example.com, extensions: [\"4001\"]}\n";

    /** {@link #SMALL} with one more extension in HQ/Sales, 1005, that no user claims. */
    public static final String SMALL_WITH_1005 = smallWith("- {number: \"1004\"}",
            "- {number: \"1004\"}\n          - {number: \"1005\"}");

    /**
     * {@link #SMALL} with texts replaced, given as pairs (text, replacement) and applied in order; fails if a text is
     * not there (so each edit really edits).
     */
    public static String smallWith(String... textsAndReplacements) {
        if (textsAndReplacements.length % 2 != 0) {
            throw new IllegalArgumentException("smallWith takes pairs of text and replacement");
        }
        String yaml = SMALL;
        for (int i = 0; i < textsAndReplacements.length; i += 2) {
            if (!yaml.contains(textsAndReplacements[i])) {
                throw new IllegalArgumentException("TestDirectories.SMALL does not contain: " + textsAndReplacements[i]);
            }
            yaml = yaml.replace(textsAndReplacements[i], textsAndReplacements[i + 1]);
        }
        return yaml;
    }

    /**
     * One location HQ (id hq), tenant Sales (id sales) with the statuses Available, Away, Do Not Disturb and Out,
     * and {@code count} users {@code user0…}, each with extension {@code 20000+i} and e-mail
     * {@code user<i>@example.com} (for Teams tests and the Teams benchmark).
     */
    public static String teamsUsers(int count) {
        StringBuilder yaml = new StringBuilder(HQ_SALES)
                .append("          - {name: Out, type: xa}\n")
                .append("        extensions:\n");
        for (int i = 0; i < count; i++) {
            yaml.append("          - {number: \"").append(20000 + i).append("\"}\n");
        }
        yaml.append("        users:\n");
        for (int i = 0; i < count; i++) {
            yaml.append("          - {id: user").append(i).append(", email: user").append(i)
                    .append("@example.com, extensions: [\"").append(20000 + i).append("\"]}\n");
        }
        return yaml.toString();
    }

    /** The Microsoft 365 id of {@code user<i>} of {@link #teamsUsers} in a {@code FakeGraph}. */
    public static String teamsUserGraphId(int i) {
        return "g-" + i;
    }

    /** HQ/Sales with a status of every type (Chatty, Lunch, Away, Vacation, Do Not Disturb, Busy), alice on 1001 and 1002, 1003 unclaimed: the Asterisk sync rules. */
    public static final String EVERY_TYPE = """
            locations:
              - name: HQ
                id: hq
                tenants:
                  - name: Sales
                    id: sales
                    statuses:
                      - {name: Available, type: available}
                      - {name: Chatty, type: chat}
                      - {name: Lunch, type: away}
                      - {name: Away, type: away}
                      - {name: Vacation, type: xa}
                      - {name: Do Not Disturb, type: dnd}
                      - {name: Busy, type: unavailable}
                    extensions:
                      - {number: "1001"}
                      - {number: "1002", presentity: "CustomPresence:sales-1002"}
                      - {number: "1003"}
                    users:
                      - {id: alice, extensions: ["1001", "1002"], defaultExtension: "1001"}
            """;;

    /** HQ/Sales with seven users for e-mail matching: case, two sharing an e-mail, one without. */
    public static final String EMAIL_MATCHING = """
            locations:
              - name: HQ
                id: hq
                tenants:
                  - name: Sales
                    id: sales
                    statuses:
                      - {name: Available, type: available}
                    extensions:
                      - {number: "1"}
                      - {number: "2"}
                      - {number: "3"}
                      - {number: "4"}
                      - {number: "5"}
                      - {number: "6"}
                      - {number: "7"}
                    users:
                      - {id: ann, email: Ann@Example.com, extensions: ["1"]}
                      - {id: ben, email: ben@example.com, extensions: ["2"]}
                      - {id: cat, email: cat@example.com, extensions: ["3"]}
                      - {id: dan, email: dan@example.com, extensions: ["4"]}
                      - {id: eve, email: shared@example.com, extensions: ["5"]}
                      - {id: fay, email: shared@example.com, extensions: ["6"]}
                      - {id: gus, extensions: ["7"]}
            """;
}
