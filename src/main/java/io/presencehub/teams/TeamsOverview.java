package io.presencehub.teams;

import java.util.List;

/**
 * The Teams connector as the admin page shows it; times are ISO-8601 instants, null when there is none. Never holds
 * the token or the secret.
 *
 * @param state         on or switched off
 * @param token         the login in words: "valid, renewed by …", "failing since …: AADSTS… in words", "not requested yet"
 * @param unmatched     users whose e-mail matches no single Microsoft 365 user
 * @param duplicates    e-mails claimed by several hub users (none of them is synced)
 * @param budgetInUse   Graph requests of the current window in use, of {@code budgetLimit}
 * @param lastThrottled when Graph last answered 429
 * @param push          change notifications from Graph: "not configured" (the hub polls), or the read-access sign-in:
 *                      "signed in as … since …" or why push cannot be used
 */
public record TeamsOverview(String state, String token, int usersMatched, List<UnmatchedEmail> unmatched,
                            List<DuplicateEmail> duplicates, int budgetInUse, int budgetLimit, String lastThrottled,
                            String push) {

    /** A hub user whose e-mail is not synced. */
    public record UnmatchedEmail(String user, String email) {
    }

    /** An e-mail claimed by several hub users. */
    public record DuplicateEmail(String email, List<String> users) {
    }

    /** Teams switched off ({@code hub.teams.enabled=false}). */
    public static TeamsOverview switchedOff() {
        return new TeamsOverview("switched off", null, 0, List.of(), List.of(), 0, 0, null, "not configured");
    }
}
