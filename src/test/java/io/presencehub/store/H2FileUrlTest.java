package io.presencehub.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every H2 file URL is made durable (WRITE_DELAY=0) by the hub, whatever the operator wrote. */
class H2FileUrlTest {

    static Stream<Arguments> durableUrls() {
        return Stream.of(
                Arguments.of("jdbc:h2:file:./data/hub", "jdbc:h2:file:./data/hub;WRITE_DELAY=0"),
                Arguments.of("jdbc:h2:file:./data/hub;WRITE_DELAY=0", "jdbc:h2:file:./data/hub;WRITE_DELAY=0"),
                Arguments.of("jdbc:h2:file:./data/hub;write_delay=0", "jdbc:h2:file:./data/hub;WRITE_DELAY=0"),
                Arguments.of("jdbc:h2:file:./data/hub;WRITE_DELAY=500", "jdbc:h2:file:./data/hub;WRITE_DELAY=0"),
                Arguments.of("jdbc:h2:file:./data/hub;AUTO_SERVER=TRUE;Write_Delay = 2000;TRACE_LEVEL_FILE=0",
                        "jdbc:h2:file:./data/hub;AUTO_SERVER=TRUE;WRITE_DELAY=0;TRACE_LEVEL_FILE=0"),
                Arguments.of("jdbc:h2:file:/var/lib/hub/state;", "jdbc:h2:file:/var/lib/hub/state;WRITE_DELAY=0"),
                Arguments.of("jdbc:h2:./data/hub", "jdbc:h2:./data/hub;WRITE_DELAY=0"),
                Arguments.of("jdbc:h2:~/hub;PASSWORD=secret", "jdbc:h2:~/hub;PASSWORD=secret;WRITE_DELAY=0"),
                Arguments.of("jdbc:h2:nio:./data/hub", "jdbc:h2:nio:./data/hub;WRITE_DELAY=0"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("durableUrls")
    void writeDelayIsAlwaysZero(String url, String durable) {
        assertThat(H2FileUrl.parse(url).map(H2FileUrl::durable)).contains(durable);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notFileUrls")
    void urlsOfNoH2FileAreLeftAlone(String url) {
        assertThat(H2FileUrl.parse(url)).isEmpty();
    }

    static Stream<String> notFileUrls() {
        return Stream.of("jdbc:postgresql://db.example/hub?user=hub", "jdbc:h2:mem:hub", "jdbc:h2:mem:hub;DB_CLOSE_DELAY=-1",
                "jdbc:h2:tcp://db.example/hub", "jdbc:h2:ssl://db.example/hub", "jdbc:h2:zip:~/data.zip!/hub");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("replacedDelays")
    void anotherWriteDelayIsReported(String url, Optional<String> replaced) {
        assertThat(H2FileUrl.parse(url).orElseThrow().replacedWriteDelay()).isEqualTo(replaced);
    }

    static Stream<Arguments> replacedDelays() {
        return Stream.of(Arguments.of("jdbc:h2:file:./data/hub", Optional.empty()),
                Arguments.of("jdbc:h2:file:./data/hub;WRITE_DELAY=0", Optional.empty()),
                Arguments.of("jdbc:h2:file:./data/hub;WRITE_DELAY=500", Optional.of("500")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databaseFiles")
    void theDatabaseFileIsThePathWithMvDb(String url, Optional<Path> file) {
        assertThat(H2FileUrl.parse(url).orElseThrow().databaseFile()).isEqualTo(file);
    }

    static Stream<Arguments> databaseFiles() {
        Path cwd = Path.of("").toAbsolutePath();
        return Stream.of(
                Arguments.of("jdbc:h2:file:./data/hub;WRITE_DELAY=0", Optional.of(cwd.resolve("data/hub.mv.db"))),
                Arguments.of("jdbc:h2:./data/hub", Optional.of(cwd.resolve("data/hub.mv.db"))),
                Arguments.of("jdbc:h2:file:/var/lib/hub/state", Optional.of(Path.of("/var/lib/hub/state.mv.db"))),
                Arguments.of("jdbc:h2:~/hub", Optional.of(Path.of(System.getProperty("user.home"), "hub.mv.db"))),
                Arguments.of("jdbc:h2:nio:./data/hub", Optional.empty()));
    }
}
