package io.presencehub.teams;

import io.presencehub.model.UserKey;

import java.time.Instant;

/**
 * One request the hub sends to Graph, built by a Java bean and executed by route {@code teams-call}.
 *
 * @param purpose  who asked, so the answer goes back to it
 * @param method   GET or POST
 * @param url      the absolute URL
 * @param body     JSON body, null for GET
 * @param user     the hub user a write is for, else null
 * @param write    the write, else null
 * @param presence whether it counts against the presence budget (a 401 retry takes one more)
 * @param sentAt   when the call was built and counted
 * @param ticket   its place in the presence budget, released when the answer arrives; null when not counted
 */
public record GraphCall(Purpose purpose, String method, String url, String body, UserKey user, TeamsWrite write,
                        boolean presence, Instant sentAt, RequestBudget.Ticket ticket) {

    /** Which part of the sync a call belongs to. */
    public enum Purpose { LIST_USERS, POLL, WRITE, SUBSCRIPTION }

    /** Subscription calls need the delegated token of the read-access sign-in; every other call is app-only. */
    public boolean delegated() {
        return purpose == Purpose.SUBSCRIPTION;
    }

    @Override
    public String toString() {
        return method + " " + url + (user == null ? "" : " for " + user);
    }
}
