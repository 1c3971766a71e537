package io.presencehub.teams.signin;

import io.presencehub.teams.GraphAuthException;
import io.presencehub.teams.AadstsErrorTranslator;
import io.presencehub.teams.TokenEndpoint;
import io.presencehub.web.WebAnswer;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read-access sign-in's two web endpoints (bean {@code teamsSignIn}, routes {@code teams-push-signin} and
 * {@code teams-push-callback}): {@code GET /teams/signin} sends the admin's browser to Azure AD with a one-time state
 * and PKCE; {@code GET /teams/callback} checks the state, redeems the code and says who signed in, or what went wrong.
 */
public final class TeamsSignIn {

    private static final Logger LOG = LoggerFactory.getLogger(TeamsSignIn.class);

    private final ReadAccessSettings settings;
    private final SignInStates states;
    private final DelegatedTokenProvider tokens;
    private final AadstsErrorTranslator errors = AadstsErrorTranslator.forReadAccess();

    public TeamsSignIn(ReadAccessSettings settings, SignInStates states, DelegatedTokenProvider tokens) {
        this.settings = settings;
        this.states = states;
        this.tokens = tokens;
    }

    /** GET /teams/signin (admin only): 302 to the authorize endpoint. */
    public void start(Exchange exchange) {
        Pkce pkce = Pkce.create();
        String state = states.start(pkce);
        WebAnswer.send(exchange, 302, WebAnswer.HTML, "");
        exchange.getMessage().setHeader("Location", settings.authorizeUrl(state, pkce));
    }

    /** GET /teams/callback?code=…&state=… (or ?error=…): the page saying who signed in, or why not. */
    public void callback(Exchange exchange) {
        // platform-http gives the query's parameters as headers, URL-decoded
        Message query = exchange.getMessage();
        Optional<Pkce> pkce = states.take(query.getHeader("state", String.class));
        if (pkce.isEmpty()) {
            WebAnswer.send(exchange, 400, WebAnswer.HTML, SignInPage.expired(settings.signInUrl()));
            return;
        }
        String error = query.getHeader("error", String.class);
        if (error != null) {
            String words = errors.fromRedirect(error, query.getHeader("error_description", String.class),
                    settings.app(), settings.redirectUri()).codeAndCause();
            LOG.warn("Teams read access: sign-in failed: {}", words);
            WebAnswer.send(exchange, 400, WebAnswer.HTML, SignInPage.failed(words, settings.signInUrl()));
            return;
        }
        String code = query.getHeader("code", String.class);
        if (code == null || code.isBlank()) {
            WebAnswer.send(exchange, 400, WebAnswer.HTML, SignInPage.failed("Azure AD sent no code",
                    settings.signInUrl()));
            return;
        }
        try {
            SignedInUser user = tokens.redeem(code, pkce.get());
            WebAnswer.send(exchange, 200, WebAnswer.HTML, SignInPage.signedIn(user));
        } catch (TokenEndpoint.Refused refused) {
            String words = refused.error().codeAndCause();
            LOG.warn("Teams read access: the sign-in's code was refused: {}", words);
            WebAnswer.send(exchange, 400, WebAnswer.HTML, SignInPage.failed(words, settings.signInUrl()));
        } catch (GraphAuthException e) {
            LOG.warn("{}", e.getMessage());
            WebAnswer.send(exchange, 502, WebAnswer.HTML, SignInPage.failed(e.getMessage(), settings.signInUrl()));
        }
    }
}
