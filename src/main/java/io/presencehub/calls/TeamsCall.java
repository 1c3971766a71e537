package io.presencehub.calls;

/** What the hub knows of a user's Teams call. */
public enum TeamsCall {
    /** Not seen yet since the start: the hub's Custom device is left as Asterisk keeps it (astdb). */
    UNKNOWN,
    /** Graph shows a call activity the hub's own session does not explain. */
    IN_CALL,
    /** Graph shows no such call, or the hub cannot see Teams (unreachable, unmatched, switched off, stopping). */
    NONE
}
