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

    String report(int extensions, int clients) {
        StringBuilder out = new StringBuilder("\n== Presence Hub status-interface benchmark ==\n");
        out.append(String.format("extensions: %d  clients: %d%n", extensions, clients));
        out.append(String.format("start-up: %d ms            (target < 3000 ms)%n", startupMillis));
        out.append(String.format("throughput: %.0f changes/s delivered to all %d clients   (CPU: hub %.0f%%, benchmark %.0f%%)%n",
                throughput, clients, throughputHubCpu, throughputBenchCpu));
        out.append(String.format("fan-out latency @%.0f/s: p50 %.1f ms  p99 %.1f ms  max %.1f ms   (target p99 < 10 ms)%n",
                latencyRate, millis(0.50), millis(0.99), millis(1.0)));
        out.append(String.format("    (after the last send: last reply %d ms, last event %d ms; CPU: hub %.0f%%, benchmark %.0f%%)%n",
                latencyRepliedMillis, latencyDrainMillis, latencyHubCpu, latencyBenchCpu));
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
        return out.toString();
    }

    /** The latency at a quantile, in milliseconds (latencies are sorted, in nanoseconds). */
    private double millis(double quantile) {
        if (latencies.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(latencies.length - 1, Math.ceil(quantile * latencies.length) - 1);
        return latencies[Math.max(0, index)] / 1e6;
    }
}
