package io.presencehub.asterisk;

import io.presencehub.model.UserKey;

/** One presence the hub wants Asterisk to show: {@code PRESENCE_STATE(presentity)=state,subtype,message}. */
public record PresenceWrite(UserKey user, String presentity, String state, String subtype, String message) {
}
