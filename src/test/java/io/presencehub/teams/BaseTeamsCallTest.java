package io.presencehub.teams;

import io.presencehub.calls.CallDevices;
import io.presencehub.calls.CallListener;
import io.presencehub.calls.CallStates;
import io.presencehub.calls.DeviceState;
import io.presencehub.calls.TeamsCall;
import io.presencehub.model.UserKey;
import io.presencehub.testing.TestDirectories;
import io.presencehub.testing.TestHub;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Calls on the Teams side against the fake Graph, without Asterisk: ben's desk phone {@code PJSIP/2001} is driven
 * through the hub's {@code callStates} bean, emil has no phone; both are Available in their own Teams clients. Every
 * Teams call the hub reports is recorded ("emil IN_CALL").
 */
abstract class BaseTeamsCallTest extends BaseTeamsHubTest {

    static final UserKey BEN = TestDirectories.BEN;
    static final UserKey EMIL = TestDirectories.EMIL;
    static final String BEN_ID = "u-ben";
    static final String EMIL_ID = "u-emil";
    static final String BEN_PHONE = "PJSIP/2001";
    static final String DIRECTORY = TestDirectories.BEN_AND_EMIL;

    protected CallStates calls;
    /** Every Teams call report that changed a user's value, in order. */
    protected final List<String> teamsCalls = new CopyOnWriteArrayList<>();

    /** Starts the hub with Teams and the given settings (key, value, key, value ...), both users read once. */
    protected void startHub(String... settings) {
        graph.addUser(BEN_ID, "ben@example.com");
        graph.addUser(EMIL_ID, "emil@example.com");
        graph.setClientSession(BEN_ID, "Available", "Available");
        graph.setClientSession(EMIL_ID, "Available", "Available");
        TestHub starting = TestHub.in(folder).directory(DIRECTORY).withTeams(graph);
        for (int i = 0; i + 1 < settings.length; i += 2) {
            starting.with(settings[i], settings[i + 1]);
        }
        hub = starting.start();
        hub.awaitTeamsBaseline(BEN);
        hub.awaitTeamsBaseline(EMIL);
        calls = hub.bean(CallStates.class);
        calls.listen(new CallListener() {
            @Override
            public void teamsCallChanged(UserKey user, TeamsCall call) {
                teamsCalls.add(user.userId() + " " + call);
            }
        });
        calls.devicesAssigned(new CallDevices(Map.of(BEN_PHONE, Set.of(BEN)), Map.of()));
    }

    /** Ben's desk phone reports a state, as the Asterisk side would. */
    protected void bensPhone(DeviceState state) {
        calls.devicesChanged(Map.of(BEN_PHONE, state));
    }

    /** The pair of the hub's app session for a Graph user, "none" without one. */
    protected String session(String graphId) {
        return graph.appSession(graphId).map(FakeGraph.AppSessionView::pair).orElse("none");
    }
}
