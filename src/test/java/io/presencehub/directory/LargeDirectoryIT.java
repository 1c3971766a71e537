package io.presencehub.directory;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencehub.testing.FreePort;
import io.presencehub.testing.HubJarProcess;
import io.presencehub.testing.LineClient;
import io.presencehub.testing.TestDirectories;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A directory of 100,000 extensions (21 MB, sized as the {@code hub.directory.max-size} default promises) loads in
 * the jar under the heap of {@code scripts/run.sh} ({@code -Xmx160m}) and the hub serves it. SnakeYAML's own loader
 * needed about 800 MB for it, and failed already at 20,000 extensions in 160 MB. (A reload holds the old and the new
 * directory at once: at this size it needs a bigger heap, see docs/benchmarks.md.)
 */
class LargeDirectoryIT {

    private static final String RUN_SH_JVM = "-Xmx160m -XX:+UseParallelGC -XX:ParallelGCThreads=2 -XX:TieredStopAtLevel=1";
    private static final int EXTENSIONS = 100_000;

    @TempDir
    Path folder;

    @Test
    void aHundredThousandExtensionsLoadInTheDefaultHeap() throws Exception {
        Path directory = folder.resolve("directory.yaml");
        String yaml = TestDirectories.generated(EXTENSIONS);
        Files.writeString(directory, yaml);
        try (HubJarProcess hub = HubJarProcess.start(folder, Map.of("hub.directory.file", directory.toString(),
                        "camel.management.port", Integer.toString(FreePort.find())),
                Map.of("JAVA_TOOL_OPTIONS", RUN_SH_JVM));
             LineClient client = hub.client()) {
            client.set("set_extension_status@#Generated@#Tenant 100@#199999@#Away");
            assertThat(client.ask("get_extension_status@#Generated@#Tenant 100@#199999")).isEqualTo("ExtensionStatus@#Away");
            assertThat(client.ask("get_extension_status@#Generated@#Tenant 100@#200000")).startsWith("Error:");

            assertThat(hub.log()).doesNotContain("OutOfMemoryError").doesNotContain("rejected");
        }
    }
}
