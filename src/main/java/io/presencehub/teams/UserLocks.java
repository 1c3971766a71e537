package io.presencehub.teams;

import io.presencehub.model.UserKey;

/**
 * One lock per user, striped: the reads of one user (a poll's and a push read's run on different threads) are taken
 * one after the other, so the newer-read check compares with what the other read left, never with a stale value.
 */
final class UserLocks {

    private final Object[] stripes;

    UserLocks(int count) {
        stripes = new Object[count];
        for (int i = 0; i < count; i++) {
            stripes[i] = new Object();
        }
    }

    Object of(UserKey user) {
        return stripes[Math.floorMod(user.hashCode(), stripes.length)];
    }
}
