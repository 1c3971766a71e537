package io.presencehub.statusinterface;

/** One parsed command line of the status interface. */
public sealed interface StatusCommand {

    /** {@code get_extension_state}: every extension's status, note and return time. */
    record GetExtensionState() implements StatusCommand {
    }

    /** {@code get_statuses}: every configured status. */
    record GetStatuses() implements StatusCommand {
    }

    /** {@code exit}: close the connection without a reply. */
    record Exit() implements StatusCommand {
    }

    /** {@code get_extension_status|note|return_time}. */
    record GetExtensionField(StatusField field, ExtensionAddress extension) implements StatusCommand {
    }

    /** {@code set_extension_status|note|return_time}; the note is already unmasked. */
    record SetExtensionField(StatusField field, ExtensionAddress extension, String value) implements StatusCommand {
    }
}
