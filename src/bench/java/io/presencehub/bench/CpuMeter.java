package io.presencehub.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU used by the hub and by this benchmark over a phase, as a percentage of one core. */
final class CpuMeter {

    private final long hubPid;
    private final long hubStart;
    private final long benchStart;
    private final long startNanos;

    CpuMeter(long hubPid) {
        this.hubPid = hubPid;
        this.hubStart = HubProcess.cpuMillisOf(hubPid);
        this.benchStart = HubProcess.cpuMillisOf(ProcessHandle.current().pid());
        this.startNanos = System.nanoTime();
    }

    double seconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    double hubPercent() {
        return percent(HubProcess.cpuMillisOf(hubPid) - hubStart);
    }

    double benchPercent() {
        return percent(HubProcess.cpuMillisOf(ProcessHandle.current().pid()) - benchStart);
    }

    private double percent(long cpuMillis) {
        return cpuMillis / 10.0 / seconds();
    }

    /** The 1-minute load average of the host. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }
}
