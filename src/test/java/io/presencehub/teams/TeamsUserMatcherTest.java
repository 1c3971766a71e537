package io.presencehub.teams;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencehub.directory.DirectoryIndex;
import io.presencehub.directory.DirectoryParser;
import io.presencehub.model.UserKey;
import java.util.List;
import java.util.Map;
import io.presencehub.testing.TestDirectories;
import org.junit.jupiter.api.Test;

/** Matching hub users to Graph users by e-mail: case, UPN fallback, unknown and duplicate e-mails. */
class TeamsUserMatcherTest {

    private static final DirectoryIndex DIRECTORY = new DirectoryIndex(new DirectoryParser().parse(TestDirectories.EMAIL_MATCHING));

    private final TeamsUserMatcher matcher = new TeamsUserMatcher();

    private static UserKey key(String id) {
        return new UserKey("hq", "sales", id);
    }

    @Test
    void matchesByMailIgnoringCaseThenByUserPrincipalName() {
        var result = matcher.match(DIRECTORY, List.of(
                new GraphUser("g-ann", "ann@example.COM", "ann@tenant.onmicrosoft.com"),
                new GraphUser("g-ben", null, "Ben@example.com")));
        assertThat(result.graphIds()).containsEntry(key("ann"), "g-ann").containsEntry(key("ben"), "g-ben");
    }

    @Test
    void unknownDuplicateAndSharedEmailsAreReportedAndSkipped() {
        var result = matcher.match(DIRECTORY, List.of(
                new GraphUser("g-cat1", "cat@example.com", "cat1@x"),
                new GraphUser("g-cat2", "cat@example.com", "cat2@x"),
                new GraphUser("g-shared", "shared@example.com", "shared@x")));
        assertThat(result.graphIds()).isEmpty();
        assertThat(result.problems()).anyMatch(p -> p.contains("several Microsoft 365 users have the e-mail cat@"))
                .anyMatch(p -> p.contains("no Microsoft 365 user has the e-mail dan@example.com"))
                .anyMatch(p -> p.contains("shared@example.com is claimed by several hub users"));
        assertThat(result.problems()).noneMatch(p -> p.contains("gus"));
    }

    @Test
    void cachedIdsMatchBeforeGraphWasAsked() {
        var result = matcher.matchCached(DIRECTORY, Map.of("ann@example.com", "g-ann"));
        assertThat(result.graphIds()).containsExactly(Map.entry(key("ann"), "g-ann"));
    }
}
