package io.presencehub.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencehub.model.UserKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DecisionLogTest {

    private static final UserKey ANNA = new UserKey("zurich", "sales", "anna");
    private static final UserKey BEN = new UserKey("zurich", "sales", "ben");
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-06T08:00:00Z"), ZoneOffset.UTC);

    @Test
    void keepsOnlyTheLastDecisionsNewestFirst() {
        DecisionLog log = new DecisionLog(clock, 3);
        for (int i = 1; i <= 5; i++) {
            log.record(World.ASTERISK, ANNA, "decision " + i);
        }
        assertThat(log.decisions(Optional.empty(), 10)).extracting(Decision::reason)
                .containsExactly("decision 5", "decision 4", "decision 3");
        assertThat(log.count()).isEqualTo(5);
    }

    @Test
    void keepsFiveHundredByDefault() {
        DecisionLog log = new DecisionLog(clock);
        for (int i = 1; i <= 700; i++) {
            log.record(World.TEAMS, null, "decision " + i);
        }
        List<Decision> kept = log.decisions(Optional.empty(), 1000);
        assertThat(kept).hasSize(500);
        assertThat(kept.get(0).reason()).isEqualTo("decision 700");
        assertThat(kept.get(499).reason()).isEqualTo("decision 201");
    }

    @Test
    void filtersByUserAndLimits() {
        DecisionLog log = new DecisionLog(clock, 10);
        log.record(World.ASTERISK, ANNA, "a1");
        log.record(World.TEAMS, BEN, "b1");
        log.record(World.CALLS, ANNA, "a2");
        log.record(World.DIRECTORY, null, "nobody");
        log.record(World.STATUS_INTERFACE, ANNA, "a3");

        assertThat(log.decisions(Optional.of(ANNA), 10)).extracting(Decision::reason).containsExactly("a3", "a2", "a1");
        assertThat(log.decisions(Optional.of(ANNA), 2)).extracting(Decision::reason).containsExactly("a3", "a2");
        assertThat(log.decisions(Optional.of(BEN), 10)).singleElement()
                .satisfies(d -> {
                    assertThat(d.world()).isEqualTo(World.TEAMS);
                    assertThat(d.at()).isEqualTo(clock.instant());
                    assertThat(d.user()).isEqualTo(BEN);
                });
        assertThat(log.decisions(Optional.empty(), 0)).isEmpty();
    }

    @Test
    void worldCodesAreWhatThePageShows() {
        assertThat(World.STATUS_INTERFACE.code()).isEqualTo("status-interface");
        assertThat(World.ASTERISK.code()).isEqualTo("asterisk");
    }

    @Test
    void everyOriginHasItsWorld() {
        for (io.presencehub.model.Origin origin : io.presencehub.model.Origin.values()) {
            assertThat(World.of(origin).name()).isEqualTo(origin.name());
        }
    }

    @Test
    void concurrentWritersLoseNothingTheRingKeeps() throws Exception {
        int writers = 8;
        int each = 20_000;
        DecisionLog log = new DecisionLog(Clock.systemUTC());
        ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                UserKey user = new UserKey("l", "t", "u" + w);
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < each; i++) {
                        log.record(World.ASTERISK, user, "n");
                    }
                    return null;
                }));
            }
            // a reader meanwhile sees a consistent, strictly ordered view
            Future<?> reader = pool.submit(() -> {
                start.await();
                for (int i = 0; i < 200; i++) {
                    List<Decision> seen = log.decisions(Optional.empty(), 500);
                    for (int j = 1; j < seen.size(); j++) {
                        assertThat(seen.get(j).sequence()).isLessThan(seen.get(j - 1).sequence());
                    }
                }
                return null;
            });
            start.countDown();
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
            reader.get(30, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertThat(log.count()).isEqualTo((long) writers * each);
        List<Decision> kept = log.decisions(Optional.empty(), 1000);
        assertThat(kept).hasSize(500);
        Set<Long> sequences = new HashSet<>();
        kept.forEach(d -> sequences.add(d.sequence()));
        assertThat(sequences).hasSize(500).allMatch(s -> s > (long) writers * each - 500);
    }
}
