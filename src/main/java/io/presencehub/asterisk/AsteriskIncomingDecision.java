package io.presencehub.asterisk;

import io.presencehub.model.StatusDef;

/**
 * What Asterisk says a user's status and note are, and why.
 *
 * @param presentity the presentity whose presence was chosen
 * @param reason     which rule chose it, for the DEBUG log
 */
public record AsteriskIncomingDecision(StatusDef status, String note, String presentity, String reason) {
}
