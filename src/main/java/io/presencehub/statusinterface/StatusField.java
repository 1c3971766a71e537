package io.presencehub.statusinterface;

/** The three per-extension values of the protocol, with the words each uses on the wire. */
public enum StatusField {
    STATUS("status", "ExtensionStatus", "ExtensionStatusUpdatedEvent"),
    NOTE("note", "ExtensionNote", "ExtensionNoteUpdatedEvent"),
    RETURN_TIME("return_time", "ExtensionReturnTime", "ExtensionReturnTimeUpdatedEvent");

    private final String commandSuffix;
    private final String replyName;
    private final String eventName;

    StatusField(String commandSuffix, String replyName, String eventName) {
        this.commandSuffix = commandSuffix;
        this.replyName = replyName;
        this.eventName = eventName;
    }

    public String getCommand() {
        return "get_extension_" + commandSuffix;
    }

    public String setCommand() {
        return "set_extension_" + commandSuffix;
    }

    public String replyName() {
        return replyName;
    }

    public String eventName() {
        return eventName;
    }
}
