package io.presencehub.statusinterface;

import io.presencehub.model.DirectoryEvent;
import io.presencehub.model.NoteText;
import io.presencehub.statusinterface.StatusCommand.Exit;
import io.presencehub.statusinterface.StatusCommand.GetExtensionField;
import io.presencehub.statusinterface.StatusCommand.GetExtensionState;
import io.presencehub.statusinterface.StatusCommand.GetStatuses;
import io.presencehub.statusinterface.StatusCommand.SetExtensionField;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Text of the status interface (seed "Status TCP Interface"): parses command lines into
 * {@link StatusCommand}s and formats replies and events, byte for byte as the seed shows them.
 * Fields are separated by {@code @#}; line breaks inside notes travel as {@code #masknl#}.
 */
public final class StatusLineCodec {

    public static final String DELIMITER = "@#";
    public static final String MASKED_NEWLINE = "#masknl#";

    private static final Map<DirectoryEvent.Kind, String> DIRECTORY_EVENT_NAMES = Map.ofEntries(
            Map.entry(DirectoryEvent.Kind.LOCATION_ADDED, "LocationAddedEvent"),
            Map.entry(DirectoryEvent.Kind.LOCATION_REMOVED, "LocationRemovedEvent"),
            Map.entry(DirectoryEvent.Kind.LOCATION_RENAMED, "LocationRenamedEvent"),
            Map.entry(DirectoryEvent.Kind.TENANT_ADDED, "TenantAddedEvent"),
            Map.entry(DirectoryEvent.Kind.TENANT_REMOVED, "TenantRemovedEvent"),
            Map.entry(DirectoryEvent.Kind.TENANT_RENAMED, "TenantRenamedEvent"),
            Map.entry(DirectoryEvent.Kind.STATUS_ADDED, "StatusAddedEvent"),
            Map.entry(DirectoryEvent.Kind.STATUS_REMOVED, "StatusRemovedEvent"),
            Map.entry(DirectoryEvent.Kind.STATUS_RENAMED, "StatusRenameEvent"),
            Map.entry(DirectoryEvent.Kind.EXTENSION_ADDED, "ExtensionAddedEvent"),
            Map.entry(DirectoryEvent.Kind.EXTENSION_REMOVED, "ExtensionRemovedEvent"),
            Map.entry(DirectoryEvent.Kind.EXTENSION_RENAMED, "ExtensionRenamedEvent"));

    private StatusLineCodec() {
    }

    /** Parses one command line (without its line break). */
    public static StatusCommand parse(String line) {
        if (line.isEmpty()) {
            throw new StatusProtocolException("Empty command");
        }
        String[] fields = line.split(DELIMITER, -1);
        rejectControlCharacters(line, fields[0]);
        String name = fields[0];
        switch (name) {
            case "get_extension_state":
                expectFields(fields, "get_extension_state");
                return new GetExtensionState();
            case "get_statuses":
                expectFields(fields, "get_statuses");
                return new GetStatuses();
            case "exit":
                expectFields(fields, "exit");
                return new Exit();
            default:
                break;
        }
        for (StatusField field : StatusField.values()) {
            if (name.equals(field.getCommand())) {
                expectFields(fields, field.getCommand() + usage(false, field));
                return new GetExtensionField(field, address(fields));
            }
            if (name.equals(field.setCommand())) {
                expectFields(fields, field.setCommand() + usage(true, field));
                return new SetExtensionField(field, address(fields), value(field, fields[4]));
            }
        }
        throw new StatusProtocolException("Unknown command: " + name);
    }

    /**
     * Every field of every command is held to {@link NoteText}'s rule (only tab may stay): a note
     * would carry the character to every client, and a name, which could never match the directory,
     * would be echoed back in the error. Line breaks of a note travel as {@code #masknl#}.
     */
    private static void rejectControlCharacters(String line, String name) {
        int at = NoteText.indexOfControl(line);
        if (at < 0) {
            return;
        }
        int field = line.substring(0, at).split(DELIMITER, -1).length - 1;
        String what = fieldName(name, field);
        throw new StatusProtocolException(String.format("Control character U+%04X in %s: not allowed%s",
                (int) line.charAt(at), what, what.equals("note") ? " (a line break is written #masknl#)" : ""));
    }

    /** The usage's name of a field ({@code note}, {@code tenant name}, …), or its position when the command has no such field. */
    private static String fieldName(String command, int field) {
        if (field == 0) {
            return "command name";
        }
        for (StatusField f : StatusField.values()) {
            boolean set = command.equals(f.setCommand());
            if (set || command.equals(f.getCommand())) {
                String[] parts = usage(set, f).split(DELIMITER, -1);
                if (field < parts.length) {
                    return parts[field].substring(1, parts[field].length() - 1);
                }
            }
        }
        return "field " + (field + 1);
    }

    private static String usage(boolean set, StatusField field) {
        String base = "@#<location name>@#<tenant name>@#<extension number>";
        if (!set) {
            return base;
        }
        return base + switch (field) {
            case STATUS -> "@#<status name>";
            case NOTE -> "@#<note>";
            case RETURN_TIME -> "@#<return time>";
        };
    }

    private static void expectFields(String[] fields, String usage) {
        int expected = usage.split(DELIMITER, -1).length;
        if (fields.length != expected) {
            throw new StatusProtocolException("Wrong number of fields for " + fields[0] + ": expected "
                    + expected + ", got " + fields.length + " (usage: " + usage + ")");
        }
    }

    private static ExtensionAddress address(String[] fields) {
        return new ExtensionAddress(fields[1], fields[2], fields[3]);
    }

    private static String value(StatusField field, String text) {
        return switch (field) {
            case NOTE -> unmask(text);
            case RETURN_TIME -> {
                parseReturnTime(text);
                yield text;
            }
            case STATUS -> text;
        };
    }

    /** A return time: Unix seconds as a non-negative whole number, 0 for none. */
    public static long parseReturnTime(String text) {
        if (text.isEmpty() || text.length() > 18 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new StatusProtocolException("Invalid return time: '" + text
                    + "' (expected Unix seconds as a non-negative whole number, 0 for none)");
        }
        return Long.parseLong(text);
    }

    /** {@code #masknl#} to line breaks. */
    public static String unmask(String text) {
        return text.replace(MASKED_NEWLINE, "\n");
    }

    /** Line breaks (LF, CR LF, lone CR) to {@code #masknl#}. */
    public static String mask(String text) {
        return text.replace("\r\n", MASKED_NEWLINE).replace("\n", MASKED_NEWLINE).replace("\r", MASKED_NEWLINE);
    }

    /**
     * A note as a field of a line: line breaks masked, and a delimiter inside it (a phone may send
     * one in its message) split as {@code @ #}, so every line keeps its field count.
     */
    public static String maskNote(String note) {
        return mask(note.replace(DELIMITER, "@ #"));
    }

    /** {@code Error:<reason>} reply, with the reason made single-line. */
    public static String error(String reason) {
        return "Error: " + mask(reason);
    }

    /** A reply to a get_extension_* command, e.g. {@code ExtensionNote@#Back at 3}. */
    public static String fieldReply(StatusField field, String value) {
        return field.replyName() + DELIMITER + (field == StatusField.NOTE ? maskNote(value) : value);
    }

    /** An Extension*UpdatedEvent line. */
    public static String fieldEvent(StatusField field, ExtensionAddress extension, String value) {
        return join(field.eventName(), extension.location(), extension.tenant(), extension.number(),
                field == StatusField.NOTE ? maskNote(value) : value);
    }

    /** A Location/Tenant/Status/Extension Added/Removed/Rename(d) event line. */
    public static String directoryEvent(DirectoryEvent event) {
        String[] parts = new String[event.names().size() + 1];
        parts[0] = DIRECTORY_EVENT_NAMES.get(event.kind());
        for (int i = 0; i < event.names().size(); i++) {
            parts[i + 1] = event.names().get(i);
        }
        return join(parts);
    }

    /** One {@code Extension@#…} line of the state report. */
    public static String stateReportLine(String number, String status, String note, long returnTime) {
        return join("Extension", number, status, maskNote(note), Long.toString(returnTime));
    }

    public static String join(String... parts) {
        return String.join(DELIMITER, Arrays.asList(parts));
    }

    /** Lines of a multi-line reply, joined with line breaks (the last one is added on sending). */
    public static String lines(List<String> lines) {
        return String.join("\n", lines);
    }
}
