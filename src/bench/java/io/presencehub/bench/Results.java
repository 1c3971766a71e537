package io.presencehub.bench;

/** The figures of one benchmark run and the final report block. */
final class Results {

    long startupMillis;
    double throughput;
    double throughputHubCpu;
    double throughputBenchCpu;
    long throughputCommands;
    long throughputMissing;
    long[] latencies = new long[0];
    long latencyExpected;
    long latencyMissing;
    double latencyRate;
    double latencyHubCpu;
    double latencyBenchCpu;
    long latencyDrainMillis;
    long latencyRepliedMillis;
    long idleResidentKilobytes;
    String loadBefore = "?";
    String loadAfter = "?";
    double stateMedianMillis;
    double stateMaxMillis;
    int disconnectedListeners;
    long residentKilobytes;
    long[] bareLatencies = new long[0];
    double bareRate;
    long bareMissing;
    long bareExpected;
    int bareDisconnected;

    /** The hub's fan-out p99 may be at most this many times bare Netty's, measured alike. */
    static final double MAX_P99_RATIO = 1.5;
    static final double MAX_P99_MILLIS = 10;

    String report(int extensions, int clients) {
        StringBuilder out = new StringBuilder("\n== Presence Hub status-interface benchmark ==\n");
        out.append(String.format("extensions: %d  clients: %d%n", extensions, clients));
        out.append(String.format("start-up: %d ms            (target < 3000 ms)%n", startupMillis));
        out.append(String.format("throughput: %.0f changes/s delivered to all %d clients   (CPU: hub %.0f%%, benchmark %.0f%%)%n",
                throughput, clients, throughputHubCpu, throughputBenchCpu));
        out.append(String.format("fan-out latency @%.0f/s: p50 %.1f ms  p99 %.1f ms  max %.1f ms   (target p99 < 10 ms)%n",
                latencyRate, millis(0.50), millis(0.99), millis(1.0)));
        out.append(String.format("    (after the last send of a slice, at most: last reply %d ms, last event %d ms; CPU: hub %.0f%%,"
                + " benchmark %.0f%%)%n",
                latencyRepliedMillis, latencyDrainMillis, latencyHubCpu, latencyBenchCpu));
        out.append(String.format("bare netty fan-out @%.0f/s: p50 %.1f ms  p99 %.1f ms  max %.1f ms   (same rate and"
                + " duration, in 1 s slices between the hub's; in the benchmark's JVM)%n", bareRate, millis(bareLatencies, 0.50),
                millis(bareLatencies, 0.99), millis(bareLatencies, 1.0)));
        out.append(comparison("p50", 0.50, null));
        out.append(comparison("p99", 0.99, MAX_P99_RATIO));
        out.append(String.format("get_extension_state (%d ext): median %.1f ms  max %.1f ms   (target < 200 ms)%n",
                extensions, stateMedianMillis, stateMaxMillis));
        out.append(String.format("resident memory: %d MB        (target < 300 MB)   (%d MB right after start-up)%n",
                residentKilobytes / 1024, idleResidentKilobytes / 1024));
        out.append(String.format("host: %d cores, load average %s before, %s after"
                + "  (CPU figures: 100%% = one core)%n", Runtime.getRuntime().availableProcessors(), loadBefore, loadAfter));
        if (throughputMissing > 0 || latencyMissing > 0 || disconnectedListeners > 0
                || latencies.length < latencyExpected) {
            out.append(String.format("WARNING: events not delivered: throughput phase %d, latency phase %d"
                    + " (%d of %d latencies recorded); listeners disconnected by the hub: %d%n",
                    throughputMissing, latencyMissing, latencies.length, latencyExpected, disconnectedListeners));
        }
        if (bareMissing > 0 || bareDisconnected > 0 || bareLatencies.length < bareExpected) {
            out.append(String.format("WARNING: bare netty events not delivered: %d (%d of %d latencies recorded);"
                    + " listeners disconnected: %d%n", bareMissing, bareLatencies.length, bareExpected, bareDisconnected));
        }
        return out.toString();
    }

    /** e.g. {@code fan-out p99: hub 8.6 ms, bare netty 6.1 ms, ratio 1.41 (limit 1.5: met), < 10 ms: met}. */
    private String comparison(String name, double quantile, Double maxRatio) {
        double hub = millis(latencies, quantile);
        double bare = millis(bareLatencies, quantile);
        double ratio = hub / bare;
        String line = String.format("fan-out %s: hub %.1f ms, bare netty %.1f ms, ratio %.2f", name, hub, bare, ratio);
        if (maxRatio == null) {
            return line + System.lineSeparator();
        }
        return String.format("%s (limit %.1f: %s), < %.0f ms: %s%n", line, maxRatio, verdict(ratio <= maxRatio),
                MAX_P99_MILLIS, verdict(hub < MAX_P99_MILLIS));
    }

    private static String verdict(boolean met) {
        return met ? "met" : "MISSED";
    }

    /** The latency at a quantile, in milliseconds (latencies are sorted, in nanoseconds). */
    private double millis(double quantile) {
        return millis(latencies, quantile);
    }

    /** The latency at a quantile of sorted nanoseconds, in milliseconds (NaN for none). */
    static double millis(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }
}
