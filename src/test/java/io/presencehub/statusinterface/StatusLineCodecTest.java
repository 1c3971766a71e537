package io.presencehub.statusinterface;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.presencehub.model.DirectoryEvent;
import io.presencehub.model.DirectoryEvent.Kind;
import io.presencehub.statusinterface.StatusCommand.Exit;
import io.presencehub.statusinterface.StatusCommand.GetExtensionField;
import io.presencehub.statusinterface.StatusCommand.GetExtensionState;
import io.presencehub.statusinterface.StatusCommand.GetStatuses;
import io.presencehub.statusinterface.StatusCommand.SetExtensionField;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The seed's text, byte for byte: every command parsed, every reply and event formatted. */
class StatusLineCodecTest {

    private static final ExtensionAddress SALES_1001 = new ExtensionAddress("HQ", "Sales", "1001");
    private static final String NOTE_LINE_BREAK = " (a line break is written #masknl#)";
    private static final String RETURN_TIME_PROBLEM = " (expected Unix seconds as a non-negative whole number, 0 for none)";

    static Stream<Arguments> commands() {
        return Stream.of(
                Arguments.of("get_extension_state", new GetExtensionState()),
                Arguments.of("get_statuses", new GetStatuses()),
                Arguments.of("exit", new Exit()),
                Arguments.of("get_extension_status@#HQ@#Sales@#1001",
                        new GetExtensionField(StatusField.STATUS, SALES_1001)),
                Arguments.of("get_extension_note@#HQ@#Sales@#1001", new GetExtensionField(StatusField.NOTE, SALES_1001)),
                Arguments.of("get_extension_return_time@#HQ@#Sales@#1001",
                        new GetExtensionField(StatusField.RETURN_TIME, SALES_1001)),
                Arguments.of("set_extension_status@#HQ@#Sales@#1001@#Do Not Disturb",
                        new SetExtensionField(StatusField.STATUS, SALES_1001, "Do Not Disturb")),
                Arguments.of("set_extension_note@#HQ@#Sales@#1001@#Back at 3",
                        new SetExtensionField(StatusField.NOTE, SALES_1001, "Back at 3")),
                Arguments.of("set_extension_note@#HQ@#Sales@#1001@#line 1#masknl#line 2#masknl#",
                        new SetExtensionField(StatusField.NOTE, SALES_1001, "line 1\nline 2\n")),
                Arguments.of("set_extension_note@#HQ@#Sales@#1001@#",
                        new SetExtensionField(StatusField.NOTE, SALES_1001, "")),
                Arguments.of("set_extension_return_time@#HQ@#Sales@#1001@#1700000000",
                        new SetExtensionField(StatusField.RETURN_TIME, SALES_1001, "1700000000")),
                Arguments.of("set_extension_return_time@#HQ@#Sales@#1001@#0",
                        new SetExtensionField(StatusField.RETURN_TIME, SALES_1001, "0")),
                // #masknl# means a line break in notes only; elsewhere it is plain text
                Arguments.of("set_extension_status@#HQ@#Sales@#1001@#A#masknl#B",
                        new SetExtensionField(StatusField.STATUS, SALES_1001, "A#masknl#B")),
                Arguments.of("get_extension_note@#H#masknl#Q@#Sales@#1001",
                        new GetExtensionField(StatusField.NOTE, new ExtensionAddress("H#masknl#Q", "Sales", "1001"))),
                Arguments.of("set_extension_status@#Zürich Büro@#日本@#😀@#Ne pas déranger",
                        new SetExtensionField(StatusField.STATUS, new ExtensionAddress("Zürich Büro", "日本", "😀"),
                                "Ne pas déranger")),
                Arguments.of("get_extension_status@#@#@#", new GetExtensionField(StatusField.STATUS,
                        new ExtensionAddress("", "", ""))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void parsesEachCommandOfTheSeed(String line, StatusCommand expected) {
        assertThat(StatusLineCodec.parse(line)).isEqualTo(expected);
    }

    static Stream<Arguments> badLines() {
        return Stream.of(
                Arguments.of("", "Empty command"),
                Arguments.of("get_everything", "Unknown command: get_everything"),
                Arguments.of("GET_STATUSES", "Unknown command: GET_STATUSES"),
                Arguments.of("exit ", "Unknown command: exit "),
                Arguments.of("@#HQ", "Unknown command: "),
                Arguments.of("get_extension_state@#HQ",
                        "Wrong number of fields for get_extension_state: expected 1, got 2 (usage: get_extension_state)"),
                Arguments.of("get_statuses@#", "Wrong number of fields for get_statuses: expected 1, got 2 (usage: get_statuses)"),
                Arguments.of("exit@#now", "Wrong number of fields for exit: expected 1, got 2 (usage: exit)"),
                Arguments.of("get_extension_status@#HQ@#Sales",
                        "Wrong number of fields for get_extension_status: expected 4, got 3 (usage: "
                                + "get_extension_status@#<location name>@#<tenant name>@#<extension number>)"),
                Arguments.of("get_extension_note@#HQ@#Sales@#1001@#x",
                        "Wrong number of fields for get_extension_note: expected 4, got 5 (usage: "
                                + "get_extension_note@#<location name>@#<tenant name>@#<extension number>)"),
                Arguments.of("get_extension_return_time",
                        "Wrong number of fields for get_extension_return_time: expected 4, got 1 (usage: "
                                + "get_extension_return_time@#<location name>@#<tenant name>@#<extension number>)"),
                Arguments.of("set_extension_status@#HQ@#Sales@#1001",
                        "Wrong number of fields for set_extension_status: expected 5, got 4 (usage: "
                                + "set_extension_status@#<location name>@#<tenant name>@#<extension number>@#<status name>)"),
                Arguments.of("set_extension_note@#HQ@#Sales@#1001@#a@#b",
                        "Wrong number of fields for set_extension_note: expected 5, got 6 (usage: "
                                + "set_extension_note@#<location name>@#<tenant name>@#<extension number>@#<note>)"),
                Arguments.of("set_extension_return_time@#HQ@#Sales@#1001",
                        "Wrong number of fields for set_extension_return_time: expected 5, got 4 (usage: "
                                + "set_extension_return_time@#<location name>@#<tenant name>@#<extension number>@#<return time>)"),
                Arguments.of("set_extension_return_time@#HQ@#Sales@#1001@#-5", "Invalid return time: '-5'" + RETURN_TIME_PROBLEM),
                Arguments.of("set_extension_return_time@#HQ@#Sales@#1001@#+5", "Invalid return time: '+5'" + RETURN_TIME_PROBLEM),
                Arguments.of("set_extension_return_time@#HQ@#Sales@#1001@#soon", "Invalid return time: 'soon'" + RETURN_TIME_PROBLEM),
                Arguments.of("set_extension_return_time@#HQ@#Sales@#1001@#1.5", "Invalid return time: '1.5'" + RETURN_TIME_PROBLEM),
                Arguments.of("set_extension_return_time@#HQ@#Sales@#1001@# 5", "Invalid return time: ' 5'" + RETURN_TIME_PROBLEM),
                Arguments.of("set_extension_return_time@#HQ@#Sales@#1001@#", "Invalid return time: ''" + RETURN_TIME_PROBLEM),
                Arguments.of("set_extension_return_time@#HQ@#Sales@#1001@#1234567890123456789",
                        "Invalid return time: '1234567890123456789'" + RETURN_TIME_PROBLEM),
                Arguments.of("set_extension_return_time@#HQ@#Sales@#1001@#١٢٣",
                        "Invalid return time: '١٢٣'" + RETURN_TIME_PROBLEM),
                // control characters (NoteText's rule), named by field; the error never echoes them
                Arguments.of("set_extension_note@#HQ@#Sales@#1004@#\u001b[2J\u001b[31mpwned\u0007",
                        "Control character U+001B in note: not allowed" + NOTE_LINE_BREAK),
                Arguments.of("set_extension_note@#HQ@#Sales@#1001@#a\u0000b", "Control character U+0000 in note: not allowed"
                        + NOTE_LINE_BREAK),
                Arguments.of("set_extension_note@#HQ@#Sales@#1001@#a\rb", "Control character U+000D in note: not allowed"
                        + NOTE_LINE_BREAK),
                Arguments.of("set_extension_note@#HQ@#Sales@#1001@#del\u007F", "Control character U+007F in note: not allowed"
                        + NOTE_LINE_BREAK),
                Arguments.of("set_extension_note@#HQ@#Sales@#1001@#csi\u009B2J", "Control character U+009B in note: not allowed"
                        + NOTE_LINE_BREAK),
                Arguments.of("set_extension_status@#HQ@#Sales@#1001@#Lunch\u0007",
                        "Control character U+0007 in status name: not allowed"),
                Arguments.of("set_extension_return_time@#HQ@#Sales@#1001@#0\u001b", "Control character U+001B in return time: not allowed"),
                Arguments.of("get_extension_note@#H\u001bQ@#Sales@#1001", "Control character U+001B in location name: not allowed"),
                Arguments.of("get_extension_status@#HQ@#Sa\u0085les@#1001", "Control character U+0085 in tenant name: not allowed"),
                Arguments.of("set_extension_note@#HQ@#Sales@#10\u000c01@#hi", "Control character U+000C in extension number: not allowed"),
                Arguments.of("get_statuses\u0007", "Control character U+0007 in command name: not allowed"),
                Arguments.of("nonsense@#x@#\u0001", "Control character U+0001 in field 3: not allowed"),
                Arguments.of("get_extension_note@#HQ@#Sales@#1001@#\u001b", "Control character U+001B in field 5: not allowed"));
    }

    @Test
    void aTabInANoteIsAccepted() {
        assertThat(StatusLineCodec.parse("set_extension_note@#HQ@#Sales@#1001@#Room\t4#masknl#call me"))
                .isEqualTo(new SetExtensionField(StatusField.NOTE, SALES_1001, "Room\t4\ncall me"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("badLines")
    void rejectsBadLinesWithAMessageNamingTheProblem(String line, String message) {
        assertThatThrownBy(() -> StatusLineCodec.parse(line))
                .isInstanceOf(StatusProtocolException.class)
                .hasMessage(message);
    }

    @Test
    void theLongestAcceptedReturnTimeHasEighteenDigits() {
        assertThat(StatusLineCodec.parseReturnTime("999999999999999999")).isEqualTo(999_999_999_999_999_999L);
        assertThat(StatusLineCodec.parseReturnTime("0")).isZero();
        assertThat(StatusLineCodec.parseReturnTime("007")).isEqualTo(7);
    }

    static Stream<Arguments> masks() {
        return Stream.of(
                Arguments.of("a\nb", "a#masknl#b"),
                Arguments.of("a\r\nb", "a#masknl#b"),
                Arguments.of("a\rb", "a#masknl#b"),
                Arguments.of("\n\n", "#masknl##masknl#"),
                Arguments.of("\r\n\r\n", "#masknl##masknl#"),
                Arguments.of("\n\r", "#masknl##masknl#"),
                Arguments.of("a\r\r\nb", "a#masknl##masknl#b"),
                Arguments.of("plain", "plain"),
                Arguments.of("", ""));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("masks")
    void maskTurnsEveryKindOfLineBreakIntoOneMarker(String text, String masked) {
        assertThat(StatusLineCodec.mask(text)).isEqualTo(masked);
    }

    @Test
    void aDelimiterInsideANoteIsSplitSoTheLineKeepsItsFields() {
        assertThat(StatusLineCodec.maskNote("mail me@#home\nlater")).isEqualTo("mail me@ #home#masknl#later");
        assertThat(StatusLineCodec.fieldEvent(StatusField.NOTE, new ExtensionAddress("HQ", "Sales", "1001"), "a@#b"))
                .isEqualTo("ExtensionNoteUpdatedEvent@#HQ@#Sales@#1001@#a@ #b");
        assertThat(StatusLineCodec.stateReportLine("1001", "Lunch", "x@#y", 0)).isEqualTo("Extension@#1001@#Lunch@#x@ #y@#0");
    }

    @Test
    void unmaskTurnsMarkersIntoLineFeeds() {
        assertThat(StatusLineCodec.unmask("a#masknl#b#masknl##masknl#")).isEqualTo("a\nb\n\n");
        assertThat(StatusLineCodec.unmask("#masknl")).isEqualTo("#masknl");
        assertThat(StatusLineCodec.unmask(StatusLineCodec.mask("x\r\ny\nz"))).isEqualTo("x\ny\nz");
    }

    @Test
    void errorRepliesStartWithErrorAndStayOnOneLine() {
        assertThat(StatusLineCodec.error("Unknown location: Mars")).isEqualTo("Error: Unknown location: Mars");
        assertThat(StatusLineCodec.error("two\nlines")).isEqualTo("Error: two#masknl#lines");
    }

    static Stream<Arguments> fieldEvents() {
        return Stream.of(
                Arguments.of(StatusField.STATUS, "Do Not Disturb", "ExtensionStatusUpdatedEvent@#HQ@#Sales@#1001@#Do Not Disturb"),
                Arguments.of(StatusField.NOTE, "Back\nat 3", "ExtensionNoteUpdatedEvent@#HQ@#Sales@#1001@#Back#masknl#at 3"),
                Arguments.of(StatusField.NOTE, "", "ExtensionNoteUpdatedEvent@#HQ@#Sales@#1001@#"),
                Arguments.of(StatusField.RETURN_TIME, "1700000000", "ExtensionReturnTimeUpdatedEvent@#HQ@#Sales@#1001@#1700000000"),
                Arguments.of(StatusField.RETURN_TIME, "0", "ExtensionReturnTimeUpdatedEvent@#HQ@#Sales@#1001@#0"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("fieldEvents")
    void formatsFieldEventsAsTheSeedShowsThem(StatusField field, String value, String line) {
        assertThat(StatusLineCodec.fieldEvent(field, SALES_1001, value)).isEqualTo(line);
    }

    @Test
    void fieldEventsKeepUnicodeNames() {
        assertThat(StatusLineCodec.fieldEvent(StatusField.STATUS, new ExtensionAddress("Zürich Büro", "日本", "3001"),
                "Ne pas déranger 😀")).isEqualTo("ExtensionStatusUpdatedEvent@#Zürich Büro@#日本@#3001@#Ne pas déranger 😀");
    }

    static Stream<Arguments> fieldReplies() {
        return Stream.of(
                Arguments.of(StatusField.STATUS, "Lunch", "ExtensionStatus@#Lunch"),
                Arguments.of(StatusField.NOTE, "a\r\nb", "ExtensionNote@#a#masknl#b"),
                Arguments.of(StatusField.NOTE, "", "ExtensionNote@#"),
                Arguments.of(StatusField.RETURN_TIME, "0", "ExtensionReturnTime@#0"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("fieldReplies")
    void formatsFieldRepliesAsTheSeedShowsThem(StatusField field, String value, String line) {
        assertThat(StatusLineCodec.fieldReply(field, value)).isEqualTo(line);
    }

    @Test
    void formatsStateReportLines() {
        assertThat(StatusLineCodec.stateReportLine("1001", "Lunch", "back\nsoon", 1_700_000_000L))
                .isEqualTo("Extension@#1001@#Lunch@#back#masknl#soon@#1700000000");
        assertThat(StatusLineCodec.stateReportLine("3001", "Disponible", "", 0))
                .isEqualTo("Extension@#3001@#Disponible@#@#0");
    }

    @Test
    void joinsMultiLineRepliesWithoutATrailingLineBreak() {
        assertThat(StatusLineCodec.lines(List.of("Status Report Started", "Status Report Finished")))
                .isEqualTo("Status Report Started\nStatus Report Finished");
    }

    static Stream<Arguments> directoryEvents() {
        return Stream.of(
                Arguments.of(DirectoryEvent.of(Kind.LOCATION_ADDED, "HQ"), "LocationAddedEvent@#HQ"),
                Arguments.of(DirectoryEvent.of(Kind.LOCATION_REMOVED, "HQ"), "LocationRemovedEvent@#HQ"),
                Arguments.of(DirectoryEvent.of(Kind.LOCATION_RENAMED, "HQ", "Head Office"),
                        "LocationRenamedEvent@#HQ@#Head Office"),
                Arguments.of(DirectoryEvent.of(Kind.TENANT_ADDED, "HQ", "Sales"), "TenantAddedEvent@#HQ@#Sales"),
                Arguments.of(DirectoryEvent.of(Kind.TENANT_REMOVED, "HQ", "Sales"), "TenantRemovedEvent@#HQ@#Sales"),
                Arguments.of(DirectoryEvent.of(Kind.TENANT_RENAMED, "HQ", "Sales", "Vertrieb"),
                        "TenantRenamedEvent@#HQ@#Sales@#Vertrieb"),
                Arguments.of(DirectoryEvent.of(Kind.STATUS_ADDED, "HQ", "Sales", "Lunch"),
                        "StatusAddedEvent@#HQ@#Sales@#Lunch"),
                Arguments.of(DirectoryEvent.of(Kind.STATUS_REMOVED, "HQ", "Sales", "Lunch"),
                        "StatusRemovedEvent@#HQ@#Sales@#Lunch"),
                // the seed spells this one "Rename", not "Renamed"
                Arguments.of(DirectoryEvent.of(Kind.STATUS_RENAMED, "HQ", "Sales", "Lunch", "Mittag"),
                        "StatusRenameEvent@#HQ@#Sales@#Lunch@#Mittag"),
                Arguments.of(DirectoryEvent.of(Kind.EXTENSION_ADDED, "HQ", "Sales", "1005"),
                        "ExtensionAddedEvent@#HQ@#Sales@#1005"),
                Arguments.of(DirectoryEvent.of(Kind.EXTENSION_REMOVED, "HQ", "Sales", "1005"),
                        "ExtensionRemovedEvent@#HQ@#Sales@#1005"),
                Arguments.of(DirectoryEvent.of(Kind.EXTENSION_RENAMED, "HQ", "Sales", "1005", "2005"),
                        "ExtensionRenamedEvent@#HQ@#Sales@#1005@#2005"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("directoryEvents")
    void formatsEachDirectoryEventAsTheSeedSpellsIt(DirectoryEvent event, String line) {
        assertThat(StatusLineCodec.directoryEvent(event)).isEqualTo(line);
    }

    @Test
    void theDirectoryEventTableCoversEveryKind() {
        Set<Kind> covered = directoryEvents().map(a -> ((DirectoryEvent) a.get()[0]).kind())
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Kind.class)));
        assertThat(covered).isEqualTo(EnumSet.allOf(Kind.class));
    }

    @Test
    void onlyTheStatusRenameEventBreaksTheRenamedSpelling() {
        List<String> renameNames = directoryEvents()
                .map(a -> (String) a.get()[1])
                .map(line -> line.substring(0, line.indexOf("@#")))
                .filter(name -> name.contains("Rename"))
                .toList();
        assertThat(renameNames).containsExactly("LocationRenamedEvent", "TenantRenamedEvent", "StatusRenameEvent",
                "ExtensionRenamedEvent");
    }

    @Test
    void aNoteLineBuiltFromMaskedTextParsesBackToTheOriginalNote() {
        // a set command built from the codec's own pieces round-trips through parse
        String line = StatusLineCodec.join("set_extension_note", "Zürich Büro", "Ventes", "3001",
                StatusLineCodec.mask("Zeile 1\r\nZeile 2"));
        assertThat(StatusLineCodec.parse(line)).isEqualTo(new SetExtensionField(StatusField.NOTE,
                new ExtensionAddress("Zürich Büro", "Ventes", "3001"), "Zeile 1\nZeile 2"));
    }
}
