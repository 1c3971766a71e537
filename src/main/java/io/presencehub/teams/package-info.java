/**
 * The Microsoft Teams connector: presence through Microsoft Graph. One package in three parts, named after what they
 * do; {@code routes/teams.camel.yaml} shows the flow.
 *
 * <h2>Edge: Graph's types in and out</h2>
 * {@link io.presencehub.teams.GraphRequests} builds every request (bodies with Jackson) as a
 * {@link io.presencehub.teams.GraphCall}; route {@code teams-call} sends it with camel-http through
 * {@link io.presencehub.teams.GraphRequestProcessor} (token, headers) and
 * {@link io.presencehub.teams.GraphAnswerProcessor}, which turns the response into a typed
 * {@link io.presencehub.teams.GraphOutcome} (answered, no answer, no token) inside a
 * {@link io.presencehub.teams.GraphAnswer}. {@link io.presencehub.teams.GraphPresenceTranslator} and
 * {@link io.presencehub.teams.GraphUserTranslator} read Graph's JSON; {@link io.presencehub.teams.GraphTokenProvider}
 * and {@link io.presencehub.teams.AadstsErrorTranslator} handle the login, through the
 * {@link io.presencehub.teams.TokenEndpoint} it shares with the read-access sign-in ({@code teams.signin}). {@link io.presencehub.teams.TeamsSettings}
 * (with {@link io.presencehub.teams.GraphSettings}) holds every {@code hub.teams.*} setting.
 *
 * <h2>Rules: pure, table-tested</h2>
 * {@link io.presencehub.teams.TeamsIncomingResolver} (edge-triggered incoming, echoes, stale reads) with
 * {@link io.presencehub.teams.TeamsIncomingMapper}; {@link io.presencehub.teams.TeamsSessionResolver} (what Teams
 * should show) with {@link io.presencehub.teams.TeamsSessionMapper}; {@link io.presencehub.teams.TeamsWriteRules}
 * (what a user is owed now, what an answer means, the budget writes leave to polls) with
 * {@link io.presencehub.teams.TeamsWriteResolver}; {@link io.presencehub.teams.RetryPolicy};
 * {@link io.presencehub.teams.TeamsUserMatcher}.
 *
 * <h2>Runtime: what runs when</h2>
 * Camel timers in {@code routes/teams.camel.yaml} call {@link io.presencehub.teams.TeamsUsers} (user list),
 * {@link io.presencehub.teams.TeamsPoller} (presence polls, echo bookkeeping in
 * {@link io.presencehub.teams.TeamsEchoes}) and {@link io.presencehub.teams.TeamsWriter} (coalesced writes on the
 * {@code teams-writer} pool, what Graph holds stored as {@link io.presencehub.teams.TeamsHeld}); all presence requests
 * share one {@link io.presencehub.teams.RequestBudget}; {@link io.presencehub.teams.TeamsHealth} is health check
 * {@code teams}. {@link io.presencehub.teams.TeamsConfiguration} builds and binds all of it.
 */
package io.presencehub.teams;
