package io.presencehub.teams.signin;

import io.presencehub.store.Observation;
import io.presencehub.store.ObservationFormatException;
import io.presencehub.store.StateStore;
import io.presencehub.teams.AadstsErrorTranslator;
import io.presencehub.teams.GraphAuthException;
import io.presencehub.teams.TokenAnswer;
import io.presencehub.teams.TokenEndpoint;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delegated Graph tokens of the read-access sign-in (bean {@code delegatedTokens}): redeems the code of a sign-in,
 * keeps the newest refresh token in the store (so a restart needs no new sign-in) and turns it into access tokens,
 * cached until shortly before they expire. A refused refresh token ({@code invalid_grant}) is not dropped silently:
 * {@link #problem()} says where to sign in again.
 *
 * <p>Thread-safe: one refresh at a time; concurrent callers wait for it and take its token.
 */
public final class DelegatedTokenProvider implements DelegatedTokens {

    /** The store's kind and key of the one stored sign-in. */
    public static final String KIND = "teams-read-token";
    public static final String KEY = "refresh-token";

    // the token host's errors that mean "this refresh token is dead": only a new sign-in helps
    private static final Set<String> SIGN_IN_AGAIN = Set.of("invalid_grant", "interaction_required");
    private static final Logger LOG = LoggerFactory.getLogger(DelegatedTokenProvider.class);

    private record CachedToken(String value, Instant renewAt) {
        @Override
        public String toString() {
            return "CachedToken[****, renewAt=" + renewAt + "]";
        }
    }

    private final ReadAccessSettings settings;
    private final TokenEndpoint endpoint;
    private final StateStore store;
    private final Clock clock;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    // held while asking the token host, so there is one refresh at a time
    private final Object refreshLock = new Object();
    private volatile Optional<StoredSignIn> signIn;
    private volatile CachedToken cached;

    public DelegatedTokenProvider(ReadAccessSettings settings, TokenEndpoint endpoint, StateStore store, Clock clock) {
        this.settings = settings;
        this.endpoint = endpoint;
        this.store = store;
        this.clock = clock;
        this.signIn = load(store);
    }

    private static Optional<StoredSignIn> load(StateStore store) {
        Observation row = store.loadObservations(KIND).get(KEY);
        if (row == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(StoredSignInCodec.decode(row.value()));
        } catch (ObservationFormatException e) {
            LOG.warn("Teams read access: {}; sign in again", e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Redeems the code of a sign-in that came back to the callback, stores its refresh token and tells the listeners.
     *
     * @throws GraphAuthException when the token host refused the code (the message names the AADSTS error in words)
     */
    public SignedInUser redeem(String code, Pkce pkce) {
        SignedInUser user;
        synchronized (refreshLock) {
            TokenAnswer answer = endpoint.post(Map.of("grant_type", "authorization_code", "code", code,
                    "redirect_uri", settings.redirectUri(), "code_verifier", pkce.verifier()));
            String refreshToken = answer.refreshToken().orElseThrow(() -> new GraphAuthException("Teams read access"
                    + " failed: the sign-in gave no refresh token (offline_access was not granted)"));
            user = answer.idToken().map(IdTokenTranslator::translate).orElse(SignedInUser.UNKNOWN);
            save(new StoredSignIn(refreshToken, user, clock.instant(), Optional.empty()));
            cached = new CachedToken(answer.accessToken(), answer.renewAt());
        }
        LOG.info("Teams read access: signed in as {}", user.display());
        for (Runnable listener : listeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                LOG.warn("Teams read access: a sign-in listener failed: {}", e.toString());
            }
        }
        return user;
    }

    @Override
    public String accessToken() {
        CachedToken current = cached;
        if (current != null && clock.instant().isBefore(current.renewAt())) {
            return current.value();
        }
        synchronized (refreshLock) {
            current = cached;
            if (current != null && clock.instant().isBefore(current.renewAt())) {
                return current.value(); // another caller refreshed while this one waited
            }
            StoredSignIn account = signIn.orElseThrow(() -> new GraphAuthException(problem()));
            if (account.refused().isPresent()) {
                throw new GraphAuthException(account.refused().get());
            }
            TokenAnswer answer = refresh(account);
            // a rotated refresh token replaces the stored one at once: the old one may stop working any time
            answer.refreshToken().filter(rotated -> !rotated.equals(account.refreshToken()))
                    .ifPresent(rotated -> save(account.withRefreshToken(rotated)));
            cached = new CachedToken(answer.accessToken(), answer.renewAt());
            return answer.accessToken();
        }
    }

    private TokenAnswer refresh(StoredSignIn account) {
        try {
            return endpoint.post(Map.of("grant_type", "refresh_token", "refresh_token", account.refreshToken(),
                    "scope", ReadAccessSettings.SCOPES));
        } catch (TokenEndpoint.Refused refused) {
            AadstsErrorTranslator.AadstsError error = refused.error();
            if (!SIGN_IN_AGAIN.contains(error.error())) {
                throw refused; // e.g. the secret expired: a sign-in would not help, the message says what would
            }
            String problem = "Teams read access refused (" + error.codeAndCause() + "): sign in again at "
                    + settings.signInUrl();
            save(account.refusedBecause(problem));
            LOG.warn("{}", problem);
            throw new GraphAuthException(problem);
        }
    }

    private void save(StoredSignIn next) {
        store.saveObservation(new Observation(KIND, KEY, StoredSignInCodec.encode(next), clock.instant()));
        signIn = Optional.of(next);
    }

    @Override
    public void invalidate(String rejectedToken) {
        synchronized (refreshLock) {
            CachedToken current = cached;
            if (current != null && current.value().equals(rejectedToken)) {
                cached = null;
            }
        }
    }

    @Override
    public boolean signedIn() {
        return signIn.map(s -> s.refused().isEmpty()).orElse(false);
    }

    @Override
    public String problem() {
        return signIn.map(s -> s.refused().orElse(""))
                .orElseGet(() -> "not signed in: sign in at " + settings.signInUrl());
    }

    /** For the admin page: "signed in as Name (upn) since T", or the problem. */
    public String describe() {
        Optional<StoredSignIn> current = signIn;
        if (current.isPresent() && current.get().refused().isEmpty()) {
            return "signed in as " + current.get().user().display() + " since " + current.get().signedInAt();
        }
        return problem();
    }

    @Override
    public void addSignInListener(Runnable listener) {
        listeners.add(listener);
    }

    @Override
    public String toString() {
        return "DelegatedTokenProvider[" + settings + ", " + describe() + "]";
    }
}
