package io.presencehub.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A jar start that fails leaves no hub process running behind the failed test. */
class HubJarProcessIT {

    @TempDir
    Path folder;

    @Test
    void aHubThatNeverGetsReadyIsKilledBeforeTheStartFails() throws IOException {
        Path directory = Files.writeString(folder.resolve("directory.yaml"), TestDirectories.SMALL);
        int port = FreePort.find();
        // the status port held by someone else: the hub runs, retrying, but never answers there
        try (ServerSocket other = new ServerSocket()) {
            other.setReuseAddress(true);
            other.bind(new InetSocketAddress("127.0.0.1", port));
            assertThatThrownBy(() -> HubJarProcess.start(folder, Map.of("hub.directory.file", directory.toString(),
                    "hub.status.port", Integer.toString(port)), Map.of(), Duration.ofSeconds(5)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("is already in use");
        }
        assertThat(hubsStartedIn(folder)).as("hub processes left running").isEmpty();
    }

    /** This JVM's child processes that run in the folder (the hub log is written there). */
    private static List<ProcessHandle> hubsStartedIn(Path folder) {
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().arguments().map(List::of).orElse(List.of()).stream()
                        .anyMatch(argument -> argument.contains(folder.toString())))
                .toList();
    }
}
