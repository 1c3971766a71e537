package io.presencehub.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A free loopback port for a server under test, never handed out twice.
 *
 * <ul>
 *   <li>Below the kernel's ephemeral range: a port handed out by binding port 0 can meanwhile become
 *       the local port of some outgoing connection, and then the server cannot bind it (or a client
 *       even connects to itself).</li>
 *   <li>Reserved for the life of this JVM: a port is free when handed out, but nobody binds it until
 *       the server under test starts, so two calls in a row (the status and the management port of
 *       one hub) could otherwise get the same one. A port handed out once is never handed out again.</li>
 *   <li>Reserved across JVMs: builds of other checkouts may run tests on the same machine at the same
 *       time. Each port handed out holds a one-byte lock at offset {@code port} of one shared file;
 *       another JVM skips a locked port. The operating system releases the locks when the JVM ends.</li>
 * </ul>
 */
public final class FreePort {

    private static final int LOWEST = 10_000;
    private static final Path LOCK_FILE = Path.of(System.getProperty("java.io.tmpdir"), "presence-hub-test-ports.lock");

    private static final Set<Integer> HANDED_OUT = new HashSet<>();
    /** Held for the life of the JVM: a released lock would free the port for other JVMs. */
    private static final Map<Integer, FileLock> LOCKS = new HashMap<>();
    private static FileChannel lockFile;
    private static boolean lockFileTried;

    private FreePort() {
    }

    public static synchronized int find() {
        int below = ephemeralRangeStart();
        for (int attempt = 0; attempt < 1000; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, below);
            if (HANDED_OUT.contains(port)) {
                continue;
            }
            if (!reserveAcrossJvms(port)) {
                continue; // another JVM's
            }
            if (!isFree(port)) {
                releaseAcrossJvms(port);
                continue;
            }
            HANDED_OUT.add(port);
            return port;
        }
        throw new IllegalStateException("no free port between " + LOWEST + " and " + below);
    }

    /**
     * Locks this port's byte of the shared file; false when another JVM holds it. Without a usable
     * lock file (another user's, a read-only temporary folder) only this JVM's reservations count.
     */
    private static boolean reserveAcrossJvms(int port) {
        FileChannel channel = lockFile();
        if (channel == null) {
            return true;
        }
        try {
            FileLock lock = channel.tryLock(port, 1, false);
            if (lock == null) {
                return false;
            }
            LOCKS.put(port, lock);
            return true;
        } catch (IOException e) {
            return true;
        }
    }

    private static void releaseAcrossJvms(int port) {
        FileLock lock = LOCKS.remove(port);
        if (lock != null) {
            try {
                lock.release();
            } catch (IOException ignored) {
                // the channel is gone: so is the lock
            }
        }
    }

    private static FileChannel lockFile() {
        if (!lockFileTried) {
            lockFileTried = true;
            try {
                lockFile = FileChannel.open(LOCK_FILE, StandardOpenOption.CREATE, StandardOpenOption.READ,
                        StandardOpenOption.WRITE);
            } catch (IOException | UnsupportedOperationException e) {
                lockFile = null;
            }
        }
        return lockFile;
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    /**
     * The first port of the kernel's ephemeral range. Read line by line: {@code Files.readString} on
     * this /proc file returns only its first byte ("3" of "32768"), which once left 1,000 ports to
     * choose from.
     */
    static int ephemeralRangeStart() {
        try {
            String range = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).trim();
            return Math.max(LOWEST + 1000, Integer.parseInt(range.split("\\s+")[0]));
        } catch (IOException | RuntimeException e) {
            return 32_768; // Linux's default
        }
    }

    /**
     * Prints {@code count} ports, one a line, and keeps them reserved until stdin closes (used by
     * {@code FreePortTest} as "another JVM").
     */
    public static void main(String[] args) throws IOException {
        int count = Integer.parseInt(args[0]);
        for (int i = 0; i < count; i++) {
            System.out.println(find());
        }
        System.out.flush();
        System.in.read();
    }
}
