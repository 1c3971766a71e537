package io.presencehub.bench;

import io.presencehub.model.Origin;
import io.presencehub.model.StatusType;
import io.presencehub.model.UserKey;
import io.presencehub.model.UserState;
import io.presencehub.store.JdbcStateStore;
import io.presencehub.store.StateStore;
import io.presencehub.store.StateStores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.Stream;

/**
 * What one {@code saveUserState} costs on the embedded H2 file: the plain store (a commit per change)
 * against the journaled one (an appended line; H2 in batches on its own thread). 10,000 users stored
 * first, then rounds of 5,000 saves to random users, each timed. Run from {@code target/test-classes}:
 * {@code java -cp target/test-classes:target/classes:<dependencies> io.presencehub.bench.StoreBenchmark}.
 */
public final class StoreBenchmark {

    private static final int USERS = 10_000;
    private static final int ROUNDS = 3;
    private static final int SAVES = 5_000;

    private StoreBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Path folder = Files.createTempDirectory("store-benchmark");
        try {
            String plainUrl = "jdbc:h2:file:" + folder.resolve("plain/hub");
            try (StateStore plain = JdbcStateStore.open(plainUrl, "sa", "")) {
                run("H2 file, a commit per save", plain);
            }
            String journaledUrl = "jdbc:h2:file:" + folder.resolve("journaled/hub");
            try (StateStore journaled = StateStores.open(journaledUrl, "sa", "")) {
                run("H2 file with journal", journaled);
            }
        } finally {
            try (Stream<Path> files = Files.walk(folder)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void run(String name, StateStore store) {
        UserKey[] users = new UserKey[USERS];
        for (int i = 0; i < USERS; i++) {
            users[i] = new UserKey("hq", "sales", "user-" + i);
            store.saveUserState(users[i], state(0, i));
        }
        Random random = new Random(42);
        long version = 1;
        for (int round = 1; round <= ROUNDS; round++) {
            long[] nanos = new long[SAVES];
            for (int i = 0; i < SAVES; i++) {
                UserState state = state(version++, i);
                UserKey user = users[random.nextInt(USERS)];
                long start = System.nanoTime();
                store.saveUserState(user, state);
                nanos[i] = System.nanoTime() - start;
            }
            Arrays.sort(nanos);
            long overOneMs = Arrays.stream(nanos).filter(n -> n > 1_000_000).count();
            System.out.printf("%-28s round %d: p50 %7.1f µs  p99 %8.1f µs  p99.9 %8.1f µs  max %8.1f µs"
                    + "  (%d saves, %d over 1 ms)%n", name, round, nanos[SAVES / 2] / 1e3, nanos[SAVES * 99 / 100] / 1e3,
                    nanos[SAVES * 999 / 1000] / 1e3, nanos[SAVES - 1] / 1e3, SAVES, overOneMs);
        }
    }

    private static UserState state(long version, int i) {
        StatusType[] types = StatusType.values();
        return new UserState("status " + version % 7, types[(int) (version % types.length)], "note " + version, 0,
                Origin.STATUS_INTERFACE, Instant.ofEpochMilli(1_740_000_000_000L + version), version);
    }
}
