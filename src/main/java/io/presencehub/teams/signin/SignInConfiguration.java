package io.presencehub.teams.signin;

import io.presencehub.camel.HubSettings;
import io.presencehub.metrics.HubMetrics;
import io.presencehub.store.StateStore;
import io.presencehub.teams.AadstsErrorTranslator;
import io.presencehub.teams.GraphSettings;
import io.presencehub.teams.TokenEndpoint;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates and binds the read-access sign-in's beans ({@code teamsSignIn}, {@code delegatedTokens}) used by
 * {@code routes/teams-push.camel.yaml}; called by the Teams configuration only when {@code hub.teams.public-url} is
 * set.
 */
public final class SignInConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(SignInConfiguration.class);

    private SignInConfiguration() {
    }

    /** Checks the settings (a bad public URL stops the start), binds the beans and returns the token provider. */
    public static DelegatedTokenProvider configure(CamelContext context, HubSettings hubSettings, GraphSettings writeApp,
                                                   StateStore store, Clock clock, HubMetrics metrics) {
        ReadAccessSettings settings = ReadAccessSettings.from(hubSettings, writeApp);
        TokenEndpoint endpoint = new TokenEndpoint(settings.app(),
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build(), clock,
                AadstsErrorTranslator.forReadAccess());
        if (metrics != null) {
            endpoint.measureWith(metrics);
        }
        DelegatedTokenProvider tokens = new DelegatedTokenProvider(settings, endpoint, store, clock);
        context.getRegistry().bind("delegatedTokens", tokens);
        context.getRegistry().bind("teamsSignIn", new TeamsSignIn(settings, new SignInStates(clock), tokens));
        LOG.info("Teams read access: {}, redirect URI {}; {}", settings, settings.redirectUri(), tokens.describe());
        return tokens;
    }
}
