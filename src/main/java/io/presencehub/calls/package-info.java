/**
 * Call state: what a user's devices are doing, as opposed to the status the user wants. Transient, never stored,
 * rebuilt after a restart from Asterisk's {@code DeviceStateList} and the next Teams read.
 *
 * <ul>
 *   <li><em>On the phone</em>: any Asterisk device of any of the user's extensions is in one of
 *       {@code hub.calls.busy-states}. It makes the hub's Teams session the call session.</li>
 *   <li><em>In a Teams call</em>: Graph shows one of {@code hub.teams.call-activities} that the hub's own session
 *       does not explain. It sets the extension's Custom device ({@code Custom:teams-<number>}) to INUSE.</li>
 * </ul>
 *
 * {@link io.presencehub.calls.CallStates} holds both and tells its listeners what changed; neither side passes
 * through the presence applier, so status, note and return time never change because of a call.
 */
package io.presencehub.calls;
