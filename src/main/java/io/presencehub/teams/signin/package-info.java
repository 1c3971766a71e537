/**
 * The read-access sign-in of seed 003 ("Lesezugriff"): an admin signs in once with the authorization code flow and
 * PKCE; the refresh token is kept in the store and yields the delegated tokens that presence subscriptions need.
 *
 * <p>{@link io.presencehub.teams.signin.TeamsSignIn} serves {@code /teams/signin} and {@code /teams/callback} with
 * {@link io.presencehub.teams.signin.Pkce}, {@link io.presencehub.teams.signin.SignInStates} and the pages of
 * {@code SignInPage}; {@link io.presencehub.teams.signin.DelegatedTokenProvider} redeems the code and keeps the
 * refresh token ({@link io.presencehub.teams.signin.StoredSignIn}); {@link io.presencehub.teams.signin.ReadAccessSettings}
 * holds and checks the settings; {@link io.presencehub.teams.signin.SignInConfiguration} binds it all
 * (docs/teams-push.md).
 */
package io.presencehub.teams.signin;
