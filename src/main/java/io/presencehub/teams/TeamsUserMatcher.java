package io.presencehub.teams;

import io.presencehub.directory.DirectoryIndex;
import io.presencehub.model.User;
import io.presencehub.model.UserKey;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Matches hub users to Graph users by e-mail (Graph's {@code mail}, else its user principal name), ignoring case.
 * An e-mail no Graph user has, one that several Graph users share, or one that several hub users claim is reported
 * and skipped: syncing the wrong person is worse than syncing nobody.
 */
public final class TeamsUserMatcher {

    /** The matches, by hub user, and one line per problem. */
    public record Result(Map<UserKey, String> graphIds, List<String> problems) {
    }

    /** Matches every declared user with an e-mail against a full Graph user list. */
    public Result match(DirectoryIndex directory, Collection<GraphUser> graphUsers) {
        Map<String, List<GraphUser>> byMail = new HashMap<>();
        Map<String, List<GraphUser>> byUpn = new HashMap<>();
        for (GraphUser user : graphUsers) {
            if (user.mail() != null && !user.mail().isBlank()) {
                byMail.computeIfAbsent(normal(user.mail()), k -> new ArrayList<>()).add(user);
            }
            if (user.userPrincipalName() != null && !user.userPrincipalName().isBlank()) {
                byUpn.computeIfAbsent(normal(user.userPrincipalName()), k -> new ArrayList<>()).add(user);
            }
        }
        return match(directory, mail -> {
            List<GraphUser> found = byMail.getOrDefault(mail, List.of());
            return found.isEmpty() ? byUpn.getOrDefault(mail, List.of()) : found;
        });
    }

    /** Matches against cached e-mail → id pairs (after a restart, before Graph was asked). */
    public Result matchCached(DirectoryIndex directory, Map<String, String> idByMail) {
        return match(directory, mail -> idByMail.containsKey(mail)
                ? List.of(new GraphUser(idByMail.get(mail), mail, null)) : List.of());
    }

    private Result match(DirectoryIndex directory, java.util.function.Function<String, List<GraphUser>> lookup) {
        Map<String, List<UserKey>> claimed = new LinkedHashMap<>();
        for (UserKey key : directory.userKeys()) {
            directory.user(key).map(User::email).filter(e -> e != null && !e.isBlank())
                    .ifPresent(e -> claimed.computeIfAbsent(normal(e), k -> new ArrayList<>()).add(key));
        }
        Map<UserKey, String> ids = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        claimed.forEach((mail, keys) -> {
            if (keys.size() > 1) {
                problems.add("Teams: e-mail " + mail + " is claimed by several hub users " + keys
                        + "; none of them is synced");
                return;
            }
            List<GraphUser> found = lookup.apply(mail);
            if (found.isEmpty()) {
                problems.add("Teams: no Microsoft 365 user has the e-mail " + mail + " of hub user " + keys.get(0)
                        + "; not synced");
            } else if (found.stream().map(GraphUser::id).distinct().count() > 1) {
                problems.add("Teams: several Microsoft 365 users have the e-mail " + mail + " of hub user "
                        + keys.get(0) + "; not synced");
            } else {
                ids.put(keys.get(0), found.get(0).id());
            }
        });
        return new Result(ids, problems);
    }

    static String normal(String mail) {
        return mail.trim().toLowerCase(Locale.ROOT);
    }
}
