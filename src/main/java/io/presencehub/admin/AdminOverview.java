package io.presencehub.admin;

import io.presencehub.asterisk.AmiOverview;
import io.presencehub.asterisk.AsteriskAdmin;
import io.presencehub.decisions.Decision;
import io.presencehub.decisions.DecisionLog;
import io.presencehub.directory.DirectoryAdmin;
import io.presencehub.directory.DirectoryOverview;
import io.presencehub.model.UserKey;
import io.presencehub.statusinterface.StatusClientsOverview;
import io.presencehub.statusinterface.StatusInterfaceAdmin;
import io.presencehub.teams.TeamsAdmin;
import io.presencehub.teams.TeamsOverview;
import java.util.List;
import java.util.Optional;

/**
 * Everything the admin page shows (bean {@code adminOverview}): each connector's state, and the decision log. A
 * connector that is switched off says so.
 */
public final class AdminOverview {

    /** Every connector's state, at one moment. */
    public record Connectors(AmiOverview asterisk, TeamsOverview teams, StatusClientsOverview statusInterface,
                             DirectoryOverview directory) {
    }

    /**
     * One decision as the page shows it.
     *
     * @param user  {@code location/tenant/user}, null when the decision was about no single user
     * @param world asterisk, teams, status-interface, web, directory or calls
     */
    public record DecisionEntry(long sequence, String at, String user, String world, String reason) {
        static DecisionEntry of(Decision decision) {
            return new DecisionEntry(decision.sequence(), decision.at().toString(),
                    decision.userKey().map(UserKey::asText).orElse(null), decision.world().code(), decision.reason());
        }
    }

    private final Optional<AsteriskAdmin> asterisk;
    private final Optional<TeamsAdmin> teams;
    private final StatusInterfaceAdmin statusInterface;
    private final DirectoryAdmin directory;
    private final DecisionLog decisions;

    /** @param asterisk empty when Asterisk is switched off; {@code teams} likewise */
    public AdminOverview(Optional<AsteriskAdmin> asterisk, Optional<TeamsAdmin> teams,
                         StatusInterfaceAdmin statusInterface, DirectoryAdmin directory, DecisionLog decisions) {
        this.asterisk = asterisk;
        this.teams = teams;
        this.statusInterface = statusInterface;
        this.directory = directory;
        this.decisions = decisions;
    }

    public Connectors connectors() {
        return new Connectors(asterisk.map(AsteriskAdmin::overview).orElseGet(AmiOverview::switchedOff),
                teams.map(TeamsAdmin::overview).orElseGet(TeamsOverview::switchedOff), statusInterface.overview(),
                directory.overview());
    }

    /** The newest decisions first, at most {@code limit} (at most the 500 kept), about {@code user} if given. */
    public List<DecisionEntry> decisions(Optional<UserKey> user, int limit) {
        return decisions.decisions(user, limit).stream().map(DecisionEntry::of).toList();
    }
}
