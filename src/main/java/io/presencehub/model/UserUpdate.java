package io.presencehub.model;

/**
 * A requested change of one user's state, as every source translates its input: a field left
 * {@code null} is not touched.
 */
public record UserUpdate(UserKey user, StatusDef status, String note, Long returnTime, Origin origin) {

    public static UserUpdate status(UserKey user, StatusDef status, Origin origin) {
        return new UserUpdate(user, status, null, null, origin);
    }

    public static UserUpdate note(UserKey user, String note, Origin origin) {
        return new UserUpdate(user, null, note, null, origin);
    }

    public static UserUpdate returnTime(UserKey user, long returnTime, Origin origin) {
        return new UserUpdate(user, null, null, returnTime, origin);
    }
}
