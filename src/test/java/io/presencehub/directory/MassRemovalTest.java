package io.presencehub.directory;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencehub.model.Directory;
import io.presencehub.model.Extension;
import io.presencehub.model.Location;
import io.presencehub.model.StatusDef;
import io.presencehub.model.StatusType;
import io.presencehub.model.Tenant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which reloads remove most of the directory: more than half of the extensions (by id), or every location. */
class MassRemovalTest {

    /** Locations "loc/tenant:ext,ext" (one tenant each; an extension's id is its number unless given as id=number). */
    private static Directory directory(String... locations) {
        return new Directory(Arrays.stream(locations).map(MassRemovalTest::location).toList());
    }

    private static Location location(String text) {
        String[] parts = text.split("[/:]", -1);
        List<Extension> extensions = parts[2].isEmpty() ? List.of() : Arrays.stream(parts[2].split(","))
                .map(e -> e.split("="))
                .map(e -> new Extension(e[0], e[e.length - 1], Extension.defaultPresentity(parts[0] + e[e.length - 1])))
                .toList();
        Tenant tenant = new Tenant(parts[1], parts[1], List.of(new StatusDef("Available", "Available", StatusType.AVAILABLE)),
                extensions, List.of());
        return new Location(parts[0], parts[0], List.of(tenant));
    }

    static Stream<Arguments> reloads() {
        Directory six = directory("hq/sales:1,2,3,4", "hq2/support:1", "zurich/ventes:3001");
        return Stream.of(
                Arguments.of("nothing removed", six, six, null),
                Arguments.of("two of six extensions, two of three locations", six, directory("hq/sales:1,2,3,4"), null),
                Arguments.of("exactly half", six, directory("hq/sales:1,2,3"), null),
                Arguments.of("four of six", six, directory("hq/sales:1,2"),
                        "it would remove 4 of 6 extensions and 2 of 3 locations"),
                Arguments.of("everything (locations: [])", six, directory(),
                        "it would remove 6 of 6 extensions and 3 of 3 locations"),
                Arguments.of("every location, though they had no extensions", directory("a/t:", "b/t:"), directory(),
                        "it would remove 0 of 0 extensions and 2 of 2 locations"),
                Arguments.of("renumbered, ids kept", directory("hq/sales:1,2,3"), directory("hq/sales:1=11,2=12,3=13"), null),
                Arguments.of("new ids are removals", directory("hq/sales:1,2,3"), directory("hq/sales:11,12,13"),
                        "it would remove 3 of 3 extensions and 0 of 1 locations"),
                Arguments.of("nothing before (the first load)", directory(), six, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reloads")
    void mostOfTheDirectoryIsMoreThanHalfOfTheExtensionsOrEveryLocation(String name, Directory before, Directory after,
                                                                        String described) {
        Optional<MassRemoval> removal = MassRemoval.between(before, after);

        assertThat(removal.map(MassRemoval::describe)).isEqualTo(Optional.ofNullable(described));
    }
}
