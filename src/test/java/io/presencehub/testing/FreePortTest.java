package io.presencehub.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.FileReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** FreePort never hands out a port twice: not in this JVM, and not to another JVM running tests meanwhile. */
class FreePortTest {

    @Test
    void aPortIsNeverHandedOutTwiceInOneJvm() {
        // about 22,000 ports to pick from: 2,000 random picks would repeat one about 90 times
        List<Integer> ports = IntStream.range(0, 2000).map(i -> FreePort.find()).boxed().toList();
        assertThat(new HashSet<>(ports)).hasSize(ports.size());
    }

    @Test
    void portsComeFromEverywhereBelowTheEphemeralRange() throws IOException {
        int ephemeral;
        try (BufferedReader range = new BufferedReader(new FileReader("/proc/sys/net/ipv4/ip_local_port_range"))) {
            ephemeral = Integer.parseInt(range.readLine().trim().split("\\s+")[0]);
        }
        assertThat(FreePort.ephemeralRangeStart()).isEqualTo(ephemeral);
        List<Integer> ports = IntStream.range(0, 200).map(i -> FreePort.find()).boxed().toList();
        assertThat(ports).allMatch(p -> p >= 10_000 && p < ephemeral).anyMatch(p -> p >= 20_000);
    }

    @Test
    void anotherJvmNeverGetsAPortThisOneHandedOut() throws Exception {
        Set<Integer> ours = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            ours.add(FreePort.find());
        }
        Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), FreePort.class.getName(), "1000")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            Set<Integer> theirs = new HashSet<>();
            BufferedReader out = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8));
            for (int i = 0; i < 1000; i++) {
                String line = out.readLine();
                assertThat(line).as("port %d of the other JVM", i).isNotNull();
                theirs.add(Integer.parseInt(line.trim()));
            }
            // 1,000 random picks each out of about 22,000 would share about 45 ports
            assertThat(theirs).hasSize(1000).doesNotContainAnyElementsOf(ours);
        } finally {
            other.getOutputStream().close();
            if (!other.waitFor(10, TimeUnit.SECONDS)) {
                other.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
