package io.presencehub.teams.push;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntSupplier;

/**
 * Which users each subscription covers: at most {@code max} each (Graph takes 650 ids in one filter), and stable as
 * users come and go: a user keeps their chunk, a departed one leaves a gap that the next new user fills, so a
 * directory change touches as few subscriptions as it can.
 */
public final class SubscriptionPlan {

    /** One subscription's users, named by a key of the hub's own (the Graph subscription id changes on re-create). */
    public record Chunk(int key, Set<String> ids) {

        public Chunk {
            ids = Collections.unmodifiableSet(new LinkedHashSet<>(ids)); // in order: a readable resource filter
        }
    }

    private SubscriptionPlan() {
    }

    /**
     * The chunks for {@code wanted}: the current chunks without the ids no longer wanted, then the new ids, first into
     * chunks with room, then into new chunks (keys from {@code newKey}); empty chunks are dropped.
     */
    public static List<Chunk> next(List<Chunk> current, Collection<String> wanted, int max, IntSupplier newKey) {
        Set<String> left = new LinkedHashSet<>(wanted);
        List<Set<String>> kept = new ArrayList<>();
        List<Integer> keys = new ArrayList<>();
        for (Chunk chunk : current) {
            Set<String> ids = new LinkedHashSet<>();
            for (String id : chunk.ids()) {
                if (ids.size() < max && left.remove(id)) {
                    ids.add(id);
                }
            }
            if (!ids.isEmpty()) {
                kept.add(ids);
                keys.add(chunk.key());
            }
        }
        for (int i = 0; i < kept.size() && !left.isEmpty(); i++) {
            fill(kept.get(i), left, max);
        }
        while (!left.isEmpty()) {
            Set<String> ids = new LinkedHashSet<>();
            fill(ids, left, max);
            kept.add(ids);
            keys.add(newKey.getAsInt());
        }
        List<Chunk> chunks = new ArrayList<>(kept.size());
        for (int i = 0; i < kept.size(); i++) {
            chunks.add(new Chunk(keys.get(i), kept.get(i)));
        }
        return chunks;
    }

    private static void fill(Set<String> ids, Set<String> left, int max) {
        var it = left.iterator();
        while (ids.size() < max && it.hasNext()) {
            ids.add(it.next());
            it.remove();
        }
    }
}
