package io.presencehub.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.presencehub.model.Directory;
import io.presencehub.model.Extension;
import io.presencehub.model.Location;
import io.presencehub.model.StatusDef;
import io.presencehub.model.StatusType;
import io.presencehub.model.Tenant;
import io.presencehub.model.User;
import io.presencehub.testing.TestDirectories;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The directory file: the shipped sample, the defaults, and every broken file rejected with its path. */
class DirectoryParserTest {

    private final DirectoryParser parser = new DirectoryParser();

    private static Tenant tenant(Directory directory, String location, String tenant) {
        return directory.locationNamed(location).orElseThrow().tenants().stream()
                .filter(t -> t.name().equals(tenant)).findFirst().orElseThrow();
    }

    @Test
    void theShippedSampleParses() throws IOException {
        Directory directory = parser.parse(Files.readString(Path.of("config/directory.yaml"), StandardCharsets.UTF_8));

        assertThat(directory.locations()).extracting(Location::name).containsExactly("HQ", "Zürich Büro");
        assertThat(directory.locations().stream().mapToInt(l -> l.tenants().size()).sum()).isGreaterThanOrEqualTo(3);

        Extension sales1001 = tenant(directory, "HQ", "Sales").extensionNumbered("1001").orElseThrow();
        Extension support1001 = tenant(directory, "HQ", "Support").extensionNumbered("1001").orElseThrow();
        assertThat(sales1001.presentity()).isNotEqualTo(support1001.presentity());

        assertThat(tenant(directory, "HQ", "Sales").users())
                .anySatisfy(u -> assertThat(u.extensions()).hasSizeGreaterThan(1));
        assertThat(tenant(directory, "HQ", "Support").users()).singleElement()
                .isEqualTo(new User("jürgen", "juergen@example.com", List.of("1001", "2001"), "2001"));
        assertThat(tenant(directory, "HQ", "Support").statuses()).extracting(StatusDef::name)
                .contains("Nicht stören", "Außer Haus");
        assertThat(tenant(directory, "Zürich Büro", "Ventes").statusNamed("Ne pas déranger"))
                .map(StatusDef::type).contains(StatusType.DND);
    }

    @Test
    void theBundledSampleIsTheShippedSample() throws IOException {
        try (InputStream bundled = DirectoryParserTest.class.getResourceAsStream("/presence-hub/directory.yaml")) {
            String text = new String(Objects.requireNonNull(bundled, "bundled sample").readAllBytes(), StandardCharsets.UTF_8);
            assertThat(parser.parse(text)).isEqualTo(parser.parse(Files.readString(Path.of("config/directory.yaml"))));
        }
    }

    @Test
    void idsDefaultToNamesAndPresentitiesToTheNumber() {
        Directory directory = parser.parse("""
                locations:
                  - name: HQ
                    tenants:
                      - name: Sales
                        statuses:
                          - {name: Available, type: available}
                          - {name: Away, type: AWAY, id: away-1}
                        extensions:
                          - {number: "1001"}
                          - {number: "1002", id: desk, presentity: "CustomPresence:desk"}
                        users:
                          - {id: alice, extensions: ["1002", "1001"]}
                """);
        Location hq = directory.locations().get(0);
        Tenant sales = hq.tenants().get(0);

        assertThat(hq.id()).isEqualTo("HQ");
        assertThat(sales.id()).isEqualTo("Sales");
        assertThat(sales.statuses()).containsExactly(new StatusDef("Available", "Available", StatusType.AVAILABLE),
                new StatusDef("away-1", "Away", StatusType.AWAY));
        assertThat(sales.extensions()).containsExactly(new Extension("1001", "1001", "CustomPresence:1001"),
                new Extension("desk", "1002", "CustomPresence:desk"));
        assertThat(sales.users()).containsExactly(new User("alice", null, List.of("1002", "1001"), "1002"));
    }

    @Test
    void numbersWrittenAsYamlIntegersBecomeStrings() {
        Directory directory = parser.parse("""
                locations:
                  - name: 42
                    id: 7
                    tenants:
                      - name: Sales
                        statuses: [{name: Available, type: available}]
                        extensions: [{number: 1001}, {number: 1002}, {number: 0100}]
                        users: [{id: 5, extensions: [1001, 1002], defaultExtension: 1002}]
                """);
        Location location = directory.locations().get(0);
        Tenant sales = location.tenants().get(0);

        assertThat(location.name()).isEqualTo("42");
        assertThat(location.id()).isEqualTo("7");
        assertThat(sales.extensions()).extracting(Extension::number).containsExactly("1001", "1002", "0100");
        assertThat(sales.extensionNumbered("1001")).map(Extension::presentity).contains("CustomPresence:1001");
        assertThat(sales.users()).containsExactly(new User("5", null, List.of("1001", "1002"), "1002"));
    }

    @Test
    void aLocationWithoutTenantsAndATenantWithoutExtensionsAreAllowed() {
        Directory directory = parser.parse("""
                locations:
                  - name: Empty
                  - name: HQ
                    tenants:
                      - name: Sales
                        statuses: [{name: Busy, type: unavailable}]
                """);
        assertThat(directory.locations()).extracting(l -> l.tenants().size()).containsExactly(0, 1);
        assertThat(directory.locations().get(1).tenants().get(0).initialStatus().name())
                .as("no available status: the first one is the initial status").isEqualTo("Busy");
    }

    /** One tenant HQ/Sales with a Support tenant beside it; {@code %s} marks where each case differs. */
    private static String sales(String statuses, String extensions, String users) {
        return """
                locations:
                  - name: HQ
                    tenants:
                      - name: Sales
                        statuses: %s
                        extensions: %s
                        users: %s
                """.formatted(statuses, extensions, users);
    }

    private static final String STATUSES = "[{name: Available, type: available}]";
    private static final String EXTENSIONS = "[{number: '1001'}, {number: '1002'}, {number: '1003'}]";

    static Stream<Arguments> brokenFiles() {
        return Stream.of(
                Arguments.of("not YAML", "locations: [", "not valid YAML: "),
                Arguments.of("a list, not a mapping", "- HQ\n- Branch\n", "the file must be a mapping with a 'locations' list"),
                Arguments.of("a scalar, not a mapping", "hello\n", "the file must be a mapping with a 'locations' list"),
                Arguments.of("locations not a list", "locations: HQ\n", "locations must be a list"),
                Arguments.of("location not a mapping", "locations: [HQ]\n", "locations[0] must be a mapping"),
                Arguments.of("missing location name", "locations:\n  - id: hq\n", "locations[0]: name is missing"),
                Arguments.of("empty location name", "locations:\n  - name: ' '\n", "locations[0]: name must not be empty"),
                Arguments.of("name as a list", "locations:\n  - name: [a, b]\n", "locations[0]: name must be a single value"),
                Arguments.of("missing tenant name", "locations:\n  - name: HQ\n    tenants: [{statuses: " + STATUSES + "}]\n",
                        "locations[0].tenants[0]: name is missing"),
                Arguments.of("missing status name", sales("[{type: away}]", "[]", "[]"),
                        "locations[0].tenants[0].statuses[0]: name is missing"),
                Arguments.of("missing status type", sales("[{name: Away}]", "[]", "[]"),
                        "locations[0].tenants[0].statuses[0]: type is missing"),
                Arguments.of("unknown status type", sales("[{name: Available, type: available}, {name: Out, type: not_set}]", "[]", "[]"),
                        "locations[0].tenants[0].statuses[1]: type 'not_set' is not one of available, chat, away, xa, dnd, unavailable"),
                Arguments.of("tenant without statuses", sales("[]", "[]", "[]"),
                        "locations[0].tenants[0]: a tenant needs at least one status"),
                Arguments.of("tenant with the statuses key missing", "locations:\n  - name: HQ\n    tenants: [{name: Sales}]\n",
                        "locations[0].tenants[0]: a tenant needs at least one status"),
                Arguments.of("missing extension number", sales(STATUSES, "[{id: x}]", "[]"),
                        "locations[0].tenants[0].extensions[0]: number is missing"),
                Arguments.of("duplicate location name", "locations:\n  - {name: HQ, id: a}\n  - {name: HQ, id: b}\n",
                        "locations[1]: location 'HQ' is defined twice"),
                Arguments.of("duplicate location id", "locations:\n  - {name: HQ, id: a}\n  - {name: Branch, id: a}\n",
                        "locations[1]: location id 'a' is used twice"),
                Arguments.of("location id equal to another's default id", "locations:\n  - {name: HQ}\n  - {name: Branch, id: HQ}\n",
                        "locations[1]: location id 'HQ' is used twice"),
                Arguments.of("duplicate tenant name", """
                        locations:
                          - name: HQ
                            tenants:
                              - {name: Sales, id: a, statuses: %s}
                              - {name: Sales, id: b, statuses: %s}
                        """.formatted(STATUSES, STATUSES), "locations[0].tenants[1]: tenant 'Sales' is defined twice"),
                Arguments.of("duplicate tenant id", """
                        locations:
                          - name: HQ
                            tenants:
                              - {name: Sales, id: a, statuses: %s}
                              - {name: Support, id: a, statuses: %s}
                        """.formatted(STATUSES, STATUSES), "locations[0].tenants[1]: tenant id 'a' is used twice"),
                Arguments.of("duplicate status name", sales("[{name: Away, type: away, id: a}, {name: Away, type: xa, id: b}]", "[]", "[]"),
                        "locations[0].tenants[0].statuses[1]: status 'Away' is defined twice"),
                Arguments.of("duplicate status id", sales("[{name: Away, type: away, id: a}, {name: Out, type: xa, id: a}]", "[]", "[]"),
                        "locations[0].tenants[0].statuses[1]: status id 'a' is used twice"),
                Arguments.of("duplicate extension number in a tenant",
                        sales(STATUSES, "[{number: '1001', id: a}, {number: '1001', id: b}]", "[]"),
                        "locations[0].tenants[0].extensions[1]: extension '1001' is defined twice"),
                Arguments.of("duplicate extension number with distinct presentities",
                        sales(STATUSES, "[{number: '1001', id: a, presentity: 'CustomPresence:a'},"
                                + " {number: '1001', id: b, presentity: 'CustomPresence:b'}]", "[]"),
                        "locations[0].tenants[0].extensions[1]: extension '1001' is defined twice"),
                Arguments.of("duplicate extension id", sales(STATUSES, "[{number: '1001', id: a}, {number: '1002', id: a}]", "[]"),
                        "locations[0].tenants[0].extensions[1]: extension id 'a' is used twice"),
                Arguments.of("duplicate presentity across tenants", """
                        locations:
                          - name: HQ
                            tenants:
                              - {name: Sales, statuses: %s, extensions: [{number: '1001'}]}
                          - name: Branch
                            tenants:
                              - {name: Support, statuses: %s, extensions: [{number: '1001'}]}
                        """.formatted(STATUSES, STATUSES),
                        "locations[1].tenants[0].extensions[0]: presentity CustomPresence:1001 is already used by another"
                                + " extension; tenants that reuse a number need their own presentity"),
                Arguments.of("explicit presentity equal to another's default",
                        sales(STATUSES, "[{number: '1001'}, {number: '1002', presentity: 'CustomPresence:1001'}]", "[]"),
                        "locations[0].tenants[0].extensions[1]: presentity CustomPresence:1001 is already used"),
                Arguments.of("user extension not in the tenant", sales(STATUSES, EXTENSIONS, "[{id: alice, extensions: ['1009']}]"),
                        "locations[0].tenants[0].users[0]: extension 1009 is not an extension of tenant Sales"),
                Arguments.of("extension claimed by two users", sales(STATUSES, EXTENSIONS,
                                "[{id: alice, extensions: ['1001', '1002']}, {id: bob, extensions: ['1002']}]"),
                        "locations[0].tenants[0].users[1]: extension 1002 already belongs to user alice"),
                Arguments.of("extension listed twice by one user", sales(STATUSES, EXTENSIONS,
                                "[{id: alice, extensions: ['1001', '1001']}]"),
                        "locations[0].tenants[0].users[0]: extension 1001 already belongs to user alice"),
                Arguments.of("defaultExtension not among the user's", sales(STATUSES, EXTENSIONS,
                                "[{id: alice, extensions: ['1001'], defaultExtension: '1003'}]"),
                        "locations[0].tenants[0].users[0]: defaultExtension 1003 is not one of the user's extensions"),
                Arguments.of("user without extensions", sales(STATUSES, EXTENSIONS, "[{id: alice}]"),
                        "locations[0].tenants[0].users[0]: a user needs at least one extension"),
                Arguments.of("user without id", sales(STATUSES, EXTENSIONS, "[{extensions: ['1001']}]"),
                        "locations[0].tenants[0].users[0]: id is missing"),
                Arguments.of("duplicate user id", sales(STATUSES, EXTENSIONS,
                                "[{id: alice, extensions: ['1001']}, {id: alice, extensions: ['1002']}]"),
                        "locations[0].tenants[0].users[1]: user id 'alice' is used twice or reserved"),
                Arguments.of("user id starting with ext:", sales(STATUSES, EXTENSIONS, "[{id: 'ext:1001', extensions: ['1001']}]"),
                        "locations[0].tenants[0].users[0]: user id 'ext:1001' is used twice or reserved"),
                Arguments.of("location name with the delimiter", "locations:\n  - name: 'H@#Q'\n",
                        "locations[0]: name 'H@#Q' must not contain '@#' or a line break (the status interface uses them)"),
                Arguments.of("tenant name with a line feed", "locations:\n  - name: HQ\n    tenants: [{name: \"Sa\\nles\", statuses: "
                                + STATUSES + "}]\n",
                        "locations[0].tenants[0]: name 'Sa\\nles' must not contain '@#' or a line break"),
                Arguments.of("status name with a carriage return", sales("[{name: \"Avail\\rable\", type: available}]", "[]", "[]"),
                        "locations[0].tenants[0].statuses[0]: name 'Avail\rable' must not contain '@#' or a line break"),
                Arguments.of("extension number with the delimiter", sales(STATUSES, "[{number: '10@#01'}]", "[]"),
                        "locations[0].tenants[0].extensions[0]: number '10@#01' must not contain '@#' or a line break"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenFiles")
    void rejectsABrokenFileNamingWhereAndWhat(String name, String yaml, String message) {
        assertThatThrownBy(() -> parser.parse(yaml))
                .isInstanceOf(DirectoryException.class)
                .message().startsWith(message);
    }

    @Test
    void theServiceNamesTheFileOfARejectedDirectory(@org.junit.jupiter.api.io.TempDir Path folder) throws IOException {
        Path file = folder.resolve("directory.yaml");
        Files.writeString(file, "locations:\n  - id: hq\n");
        assertThatThrownBy(() -> DirectoryService.load(file))
                .isInstanceOf(DirectoryException.class)
                .hasMessage("directory file " + file.toAbsolutePath() + " rejected: locations[0]: name is missing");
    }

    @Test
    void aFileNestedDeeperThanAnyDirectoryIsRejectedInsteadOfOverflowingTheStack() {
        String deep = "locations: " + "[".repeat(50_000) + "]".repeat(50_000) + "\n";

        assertThatThrownBy(() -> parser.parse(deep))
                .isInstanceOf(DirectoryException.class)
                .hasMessage("nested more than 50 levels deep at line 1");
    }

    @Test
    void aBlockNestedFileIsLimitedToo() {
        String deep = "locations:\n" + "- ".repeat(60) + "x\n";

        assertThatThrownBy(() -> parser.parse(deep))
                .isInstanceOf(DirectoryException.class)
                .hasMessage("nested more than 50 levels deep at line 2");
    }

    @Test
    void aDirectoryLargerThanSnakeYamlsDefaultLimitOf3MiBParses() {
        String large = TestDirectories.generated(20_000);
        assertThat(large.length()).as("more than SnakeYAML's default code point limit").isGreaterThan(3 * 1024 * 1024);

        Directory directory = parser.parse(large);

        assertThat(directory.locations().get(0).tenants()).hasSize(20)
                .allSatisfy(t -> assertThat(t.users()).hasSize(1000));
    }
}
