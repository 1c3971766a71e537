package io.presencehub.sync;

import io.presencehub.directory.ExtensionEntry;
import io.presencehub.model.UserState;

/** A reload moved an extension to another user: it showed {@code before} and now shows {@code after}. */
public record ExtensionReassignment(ExtensionEntry extension, UserState before, UserState after) {
}
