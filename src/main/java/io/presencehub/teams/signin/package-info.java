/**
 * The read-access sign-in of seed 003 ("Lesezugriff"): an admin signs in once with the authorization code flow and
 * PKCE; the refresh token is kept in the store and yields the delegated tokens that presence subscriptions need.
 */
package io.presencehub.teams.signin;
