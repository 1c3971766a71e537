package io.presencehub.teams.push;

import io.presencehub.teams.GraphAuthException;
import io.presencehub.teams.signin.DelegatedTokens;
import java.util.ArrayList;
import java.util.List;

/** Delegated tokens for unit tests: signed in or not, at the test's word. */
final class StubDelegatedTokens implements DelegatedTokens {

    volatile boolean signedIn = true;
    volatile int issued = 1;
    final List<String> invalidated = new ArrayList<>();
    final List<Runnable> listeners = new ArrayList<>();

    @Override
    public String accessToken() {
        if (!signedIn) {
            throw new GraphAuthException(problem());
        }
        return "delegated-token-" + issued;
    }

    @Override
    public void invalidate(String rejectedToken) {
        invalidated.add(rejectedToken);
        issued++;
    }

    @Override
    public boolean signedIn() {
        return signedIn;
    }

    @Override
    public String problem() {
        return signedIn ? "" : "not signed in: sign in at https://hub.example.com/teams/signin";
    }

    @Override
    public void addSignInListener(Runnable listener) {
        listeners.add(listener);
    }
}
