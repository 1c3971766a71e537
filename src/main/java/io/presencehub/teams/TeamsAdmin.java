package io.presencehub.teams;

import io.presencehub.directory.DirectoryIndex;
import io.presencehub.model.User;
import io.presencehub.model.UserKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Gathers what the admin page shows about the Teams connector (bean {@code teamsAdmin}). */
public final class TeamsAdmin {

    private final GraphTokenProvider tokens;
    private final TeamsUsers users;
    private final RequestBudget budget;
    private final TeamsHealth health;
    private final Supplier<DirectoryIndex> directory;
    private final Supplier<String> push;

    /** @param push change notifications in words: "not configured", or the read-access sign-in's state */
    TeamsAdmin(GraphTokenProvider tokens, TeamsUsers users, RequestBudget budget, TeamsHealth health,
               Supplier<DirectoryIndex> directory, Supplier<String> push) {
        this.tokens = tokens;
        this.users = users;
        this.budget = budget;
        this.health = health;
        this.directory = directory;
        this.push = push;
    }

    public TeamsOverview overview() {
        Collection<UserKey> matched = users.matchedUsers();
        Map<String, List<UserKey>> claimed = claimedEmails(directory.get());
        List<TeamsOverview.UnmatchedEmail> unmatched = new ArrayList<>();
        List<TeamsOverview.DuplicateEmail> duplicates = new ArrayList<>();
        claimed.forEach((mail, keys) -> {
            if (keys.size() > 1) {
                duplicates.add(new TeamsOverview.DuplicateEmail(mail, keys.stream().map(UserKey::asText).toList()));
            } else if (!matched.contains(keys.get(0))) {
                unmatched.add(new TeamsOverview.UnmatchedEmail(keys.get(0).asText(), mail));
            }
        });
        return new TeamsOverview("on", token(), matched.size(), unmatched, duplicates,
                budget.inUse(), budget.limit(),
                health.lastThrottled().map(Instant::toString).orElse(null), push.get());
    }

    private String token() {
        TokenStatus status = tokens.status();
        return switch (status.state()) {
            case OK -> "valid" + tokens.renewedBy().map(at -> ", renewed by " + at).orElse("");
            case FAILED -> "failing since " + status.since() + ": " + status.detail();
            case NOT_YET_REQUESTED -> "not requested yet";
        };
    }

    /** Every e-mail of the directory (as matched: trimmed, lower case) with the users that give it. */
    private static Map<String, List<UserKey>> claimedEmails(DirectoryIndex index) {
        Map<String, List<UserKey>> claimed = new LinkedHashMap<>();
        for (UserKey key : index.userKeys()) {
            index.user(key).map(User::email).filter(e -> e != null && !e.isBlank())
                    .ifPresent(e -> claimed.computeIfAbsent(TeamsUserMatcher.normal(e), k -> new ArrayList<>()).add(key));
        }
        return claimed;
    }
}
