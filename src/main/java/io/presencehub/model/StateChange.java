package io.presencehub.model;

/** A stored change of one user's state, fanned out to every world but its origin. */
public record StateChange(UserKey user, UserState before, UserState after) {

    public Origin origin() {
        return after.origin();
    }

    /** The status changed, or its type did (a reload can give a kept status another type). */
    public boolean statusChanged() {
        return before == null || !before.statusId().equals(after.statusId()) || before.statusType() != after.statusType();
    }

    public boolean noteChanged() {
        return before == null || !before.note().equals(after.note());
    }
}
