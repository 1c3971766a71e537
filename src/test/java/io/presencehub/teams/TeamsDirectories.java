package io.presencehub.teams;

/** Generated directories for Teams tests and the benchmark: one tenant, users {@code user<i>} with e-mails. */
public final class TeamsDirectories {

    private TeamsDirectories() {
    }

    /** {@code count} users {@code user0…}, each with extension {@code 20000+i} and e-mail {@code user<i>@example.com}. */
    public static String users(int count) {
        StringBuilder yaml = new StringBuilder("""
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
                          - {name: Out, type: xa}
                        extensions:
                """);
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

    public static String graphId(int i) {
        return "g-" + i;
    }
}
