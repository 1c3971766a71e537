package io.presencehub.bench;

import io.presencehub.asterisk.FakeAsterisk;
import io.presencehub.testing.FreePort;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Benchmark of issue 3: FakeAsterisk pushes {@code rate} presence changes per second for
 * {@code seconds} over {@code extensions} extensions to a hub running as a child process (the
 * packaged jar). Checks that the hub stayed connected and ended in exactly the last state of every
 * extension, and prints the AMI-event → status-client-event latency and the hub's CPU time.
 *
 * <p>Run with {@code bench/asterisk.sh [rate] [seconds] [extensions]}.
 */
public final class AsteriskBenchmark {

    private static final String[] STATES = {"available", "chat", "away", "xa", "dnd", "unavailable"};
    private static final String[] NAMES = {"Available", "Chat", "Away", "XA", "DND", "Unavailable"};

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 30_000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int extensions = args.length > 2 ? Integer.parseInt(args[2]) : 1_000;
        Path jar = Path.of(System.getProperty("hub.jar", "target/presence-hub.jar")).toAbsolutePath();
        Path work = Files.createTempDirectory("asterisk-bench");
        Files.writeString(work.resolve("directory.yaml"), directory(extensions));

        try (FakeAsterisk asterisk = new FakeAsterisk().start()) {
            int statusPort = FreePort.find();
            int managementPort = FreePort.find();
            Process hub = startHub(jar, work, asterisk.port(), statusPort, managementPort);
            boolean passed;
            try {
                passed = run(asterisk, hub, statusPort, managementPort, rate, seconds, extensions);
            } finally {
                hub.destroy();
                hub.waitFor();
            }
            System.out.println(passed ? "RESULT: PASS" : "RESULT: FAIL");
            if (!passed) {
                System.exit(1);
            }
        }
    }

    private static boolean run(FakeAsterisk asterisk, Process hub, int statusPort, int managementPort, int rate,
                            int seconds, int extensions) throws Exception {
        waitUntil(() -> health(managementPort).startsWith("200"), 60_000, "the hub did not become healthy");
        int logins = asterisk.loginAttempts();
        System.out.printf("hub pid %d up, AMI connected (logins %d)%n", hub.pid(), logins);

        int total = rate * seconds;
        long[] sentAt = new long[total];
        String[] lastMessage = new String[extensions];
        int[] lastState = new int[extensions];
        List<Long> latencies = new ArrayList<>();
        Map<String, String> clientNotes = new HashMap<>();
        AtomicLong eventsSeen = new AtomicLong();

        Socket client = new Socket();
        client.connect(new InetSocketAddress("127.0.0.1", statusPort));
        BufferedReader reader = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8), 1 << 16);
        Thread listener = new Thread(() -> listen(reader, sentAt, latencies, clientNotes, eventsSeen), "bench-client");
        listener.setDaemon(true);
        listener.start();
        Thread.sleep(500); // the hub registers the client for events

        long cpuBefore = cpuTicks(hub.pid());
        long wallStart = System.nanoTime();
        Random random = new Random(42);
        int perMilli = Math.max(1, rate / 1000);
        int seq = 0;
        long next = System.nanoTime();
        while (seq < total) {
            for (int i = 0; i < perMilli && seq < total; i++, seq++) {
                int ext = random.nextInt(extensions);
                int state = random.nextInt(STATES.length);
                String message = "b" + seq;
                lastMessage[ext] = message;
                lastState[ext] = state;
                sentAt[seq] = System.nanoTime();
                asterisk.setPresence("CustomPresence:" + (20000 + ext), STATES[state], "", message);
            }
            next += 1_000_000;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
        }
        double pushSeconds = (System.nanoTime() - wallStart) / 1e9;
        System.out.printf("pushed %d changes in %.2f s (%.0f/s) over %d extensions%n", total, pushSeconds,
                total / pushSeconds, extensions);

        // the last change of every extension must reach the status client
        waitUntil(() -> {
            synchronized (clientNotes) {
                for (int ext = 0; ext < extensions; ext++) {
                    if (lastMessage[ext] != null && !lastMessage[ext].equals(clientNotes.get(Integer.toString(20000 + ext)))) {
                        return false;
                    }
                }
                return true;
            }
        }, 120_000, "the status client did not see the last change of every extension");
        double settleSeconds = (System.nanoTime() - wallStart) / 1e9;
        long cpuAfter = cpuTicks(hub.pid());

        // and get_extension_state must show exactly the last state everywhere
        Socket checker = new Socket("127.0.0.1", statusPort);
        OutputStream out = checker.getOutputStream();
        out.write("get_extension_state\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
        BufferedReader state = new BufferedReader(new InputStreamReader(checker.getInputStream(), StandardCharsets.UTF_8));
        int wrong = 0;
        int checked = 0;
        for (String line = state.readLine(); line != null && !line.equals("State Report Finished"); line = state.readLine()) {
            if (!line.startsWith("Extension@#")) {
                continue;
            }
            String[] f = line.split("@#", -1);
            int ext = Integer.parseInt(f[1]) - 20000;
            checked++;
            String expectedStatus = lastMessage[ext] == null ? "Available" : NAMES[lastState[ext]];
            String expectedNote = lastMessage[ext] == null ? "" : lastMessage[ext];
            if (!f[2].equals(expectedStatus) || !f[3].equals(expectedNote)) {
                wrong++;
                if (wrong <= 5) {
                    System.out.printf("WRONG %s: expected %s/%s%n", line, expectedStatus, expectedNote);
                }
            }
        }
        checker.close();
        client.close();

        boolean stayedConnected = asterisk.loginAttempts() == logins && asterisk.loggedInClients() == 1
                && health(managementPort).startsWith("200");
        long[] sorted;
        synchronized (latencies) {
            sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        }
        double cpuSeconds = (cpuAfter - cpuBefore) / 100.0;
        System.out.printf("settled after %.2f s; status-client events %d; latency samples %d%n", settleSeconds,
                eventsSeen.get(), sorted.length);
        System.out.printf("AMI event -> status client event latency: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                percentile(sorted, 0.50), percentile(sorted, 0.99), sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6);
        System.out.printf("hub CPU: %.2f s over %.2f s wall (%.0f%% of one core)%n", cpuSeconds, settleSeconds,
                100 * cpuSeconds / settleSeconds);
        System.out.printf("final state: %d extensions checked, %d wrong; stayed connected: %s%n", checked, wrong,
                stayedConnected);
        return wrong == 0 && checked == extensions && stayedConnected;
    }

    private static void listen(BufferedReader reader, long[] sentAt, List<Long> latencies, Map<String, String> notes,
                               AtomicLong eventsSeen) {
        String prefix = "ExtensionNoteUpdatedEvent@#";
        try {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                eventsSeen.incrementAndGet();
                if (!line.startsWith(prefix)) {
                    continue;
                }
                long now = System.nanoTime();
                String[] f = line.split("@#", -1);
                String note = f[4];
                synchronized (notes) {
                    notes.put(f[3], note);
                }
                if (note.startsWith("b")) {
                    int seq = Integer.parseInt(note.substring(1));
                    synchronized (latencies) {
                        latencies.add(now - sentAt[seq]);
                    }
                }
            }
        } catch (IOException e) {
            // closed at the end
        }
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))] / 1e6;
    }

    private static Process startHub(Path jar, Path work, int amiPort, int statusPort, int managementPort)
            throws IOException {
        List<String> command = new ArrayList<>(Arrays.asList(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        // the hub's JVM options: those of scripts/run.sh unless HUB_JAVA_OPTS replaces them (as there),
        // e.g. to add -XX:StartFlightRecording=... for a profile
        String extra = System.getenv().getOrDefault("HUB_JAVA_OPTS", StatusInterfaceBenchmark.DEFAULT_HUB_JVM_ARGS);
        if (extra != null && !extra.isBlank()) {
            command.addAll(Arrays.asList(extra.trim().split("\\s+")));
        }
        command.addAll(Arrays.asList(
                "-Dhub.status.port=" + statusPort,
                "-Dcamel.management.port=" + managementPort,
                "-Dhub.web.port=" + FreePort.find(),
                "-Dhub.directory.file=" + work.resolve("directory.yaml"),
                "-Dhub.store.url=jdbc:h2:file:" + work.resolve("data/hub"),
                "-Dhub.asterisk.enabled=true",
                "-Dhub.asterisk.host=127.0.0.1",
                "-Dhub.asterisk.port=" + amiPort,
                "-Dhub.asterisk.username=hub",
                "-Dhub.status.max-pending-bytes=67108864",
                "-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile())
                .redirectErrorStream(true).redirectOutput(work.resolve("hub.log").toFile());
        builder.environment().put("HUB_ASTERISK_SECRET", "hubsecret");
        System.out.println("hub log: " + work.resolve("hub.log"));
        return builder.start();
    }

    private static String directory(int extensions) {
        StringBuilder yaml = new StringBuilder("""
                locations:
                  - name: HQ
                    id: hq
                    tenants:
                      - name: Bench
                        id: bench
                        statuses:
                          - {name: Available, type: available}
                          - {name: Chat, type: chat}
                          - {name: Away, type: away}
                          - {name: XA, type: xa}
                          - {name: DND, type: dnd}
                          - {name: Unavailable, type: unavailable}
                        extensions:
                """);
        for (int i = 0; i < extensions; i++) {
            yaml.append("              - {number: \"").append(20000 + i).append("\"}\n");
        }
        return yaml.toString();
    }

    /** utime + stime of a process in clock ticks (100 per second on Linux). */
    private static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static String health(int port) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/observe/health")).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() + " " + response.body();
        } catch (IOException e) {
            return "down " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private interface Condition {
        boolean met() throws Exception;
    }

    private static void waitUntil(Condition condition, long timeoutMs, String failure) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (!condition.met()) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException(failure);
            }
            Thread.sleep(50);
        }
    }
}
