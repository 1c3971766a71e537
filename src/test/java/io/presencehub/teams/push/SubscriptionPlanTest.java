package io.presencehub.teams.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SubscriptionPlanTest {

    private final AtomicInteger keys = new AtomicInteger();

    private static List<String> ids(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "id-" + i).toList();
    }

    private List<SubscriptionPlan.Chunk> plan(List<SubscriptionPlan.Chunk> current, List<String> wanted) {
        return SubscriptionPlan.next(current, wanted, 650, keys::incrementAndGet);
    }

    @Test
    void sevenHundredUsersMakeTwoChunksOfAtMost650() {
        List<SubscriptionPlan.Chunk> chunks = plan(List.of(), ids(0, 700));

        assertThat(chunks).hasSize(2);
        assertThat(chunks.get(0).ids()).hasSize(650);
        assertThat(chunks.get(1).ids()).hasSize(50);
        assertThat(chunks.get(0).ids()).doesNotContainAnyElementsOf(chunks.get(1).ids());
    }

    @Test
    void exactly650IsOneChunkAnd651Two() {
        assertThat(plan(List.of(), ids(0, 650))).hasSize(1);
        assertThat(plan(List.of(), ids(0, 651))).hasSize(2);
        assertThat(plan(List.of(), List.of())).isEmpty();
    }

    @Test
    void aNewUserFillsTheChunkWithRoomAndLeavesTheFullOneAlone() {
        List<SubscriptionPlan.Chunk> before = plan(List.of(), ids(0, 700));
        List<String> wanted = new ArrayList<>(ids(0, 700));
        wanted.add("newcomer");

        List<SubscriptionPlan.Chunk> after = plan(before, wanted);

        assertThat(after.get(0)).isEqualTo(before.get(0));
        assertThat(after.get(1).key()).isEqualTo(before.get(1).key());
        assertThat(after.get(1).ids()).hasSize(51).contains("newcomer");
    }

    @Test
    void aDepartedUserChangesOnlyTheirChunkAndTheGapIsFilledNext() {
        List<SubscriptionPlan.Chunk> before = plan(List.of(), ids(0, 1300));
        List<String> wanted = new ArrayList<>(ids(0, 1300));
        wanted.remove("id-3");

        List<SubscriptionPlan.Chunk> after = plan(before, wanted);
        assertThat(after.get(0).ids()).hasSize(649).doesNotContain("id-3");
        assertThat(after.get(1)).isEqualTo(before.get(1));

        wanted.add("later");
        List<SubscriptionPlan.Chunk> filled = plan(after, wanted);
        assertThat(filled.get(0).ids()).hasSize(650).contains("later");
        assertThat(filled.get(1)).isEqualTo(before.get(1));
    }

    @Test
    void aChunkWhoseUsersAllLeftIsDroppedAndNewChunksGetNewKeys() {
        List<SubscriptionPlan.Chunk> before = plan(List.of(), ids(0, 700));
        List<SubscriptionPlan.Chunk> after = plan(before, ids(0, 650));

        assertThat(after).containsExactly(before.get(0));

        List<SubscriptionPlan.Chunk> grown = plan(after, ids(0, 1400));
        assertThat(grown).hasSize(3);
        assertThat(grown.stream().map(SubscriptionPlan.Chunk::key).distinct()).hasSize(3);
        assertThat(grown.stream().mapToInt(c -> c.ids().size()).sum()).isEqualTo(1400);
    }
}
