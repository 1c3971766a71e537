/**
 * Teams presence by change notifications: subscriptions of at most 650 users each, made and renewed with the
 * delegated token, the notification and lifecycle endpoints, and the reads they trigger; polling stays as a slower
 * reconciling safety net.
 */
package io.presencehub.teams.push;
