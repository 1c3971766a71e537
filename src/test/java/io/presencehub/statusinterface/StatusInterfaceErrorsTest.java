package io.presencehub.statusinterface;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencehub.testing.LineClient;
import io.presencehub.testing.TestHub;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input gets an {@code Error:} reply naming the problem, the connection stays usable and the
 * state does not change.
 */
class StatusInterfaceErrorsTest {

    private static final String NOTE_LINE_BREAK = " (a line break is written #masknl#)";

    @TempDir
    static Path folder;
    static TestHub hub;

    @BeforeAll
    static void startHub() {
        hub = TestHub.in(folder).with("hub.status.max-line-length", "200").start();
    }

    @AfterAll
    static void stopHub() {
        hub.close();
    }

    static Stream<Arguments> badLines() {
        String over = "set_extension_note@#HQ@#Sales@#1001@#" + "x".repeat(300);
        return Stream.of(
                Arguments.of("unknown command", bytes("get_everything"), "Error: Unknown command: get_everything"),
                Arguments.of("command is case-sensitive", bytes("GET_STATUSES"), "Error: Unknown command: GET_STATUSES"),
                Arguments.of("empty line", bytes(""), "Error: Empty command"),
                Arguments.of("extra field on get_statuses", bytes("get_statuses@#HQ"),
                        "Error: Wrong number of fields for get_statuses: expected 1, got 2 (usage: get_statuses)"),
                Arguments.of("missing field on get", bytes("get_extension_status@#HQ@#Sales"),
                        "Error: Wrong number of fields for get_extension_status: expected 4, got 3 (usage: "
                                + "get_extension_status@#<location name>@#<tenant name>@#<extension number>)"),
                Arguments.of("missing value on set", bytes("set_extension_status@#HQ@#Sales@#1001"),
                        "Error: Wrong number of fields for set_extension_status: expected 5, got 4 (usage: "
                                + "set_extension_status@#<location name>@#<tenant name>@#<extension number>@#<status name>)"),
                Arguments.of("delimiter inside a note", bytes("set_extension_note@#HQ@#Sales@#1001@#a@#b"),
                        "Error: Wrong number of fields for set_extension_note: expected 5, got 6 (usage: "
                                + "set_extension_note@#<location name>@#<tenant name>@#<extension number>@#<note>)"),
                Arguments.of("unknown location", bytes("set_extension_status@#Mars@#Sales@#1001@#Lunch"),
                        "Error: Unknown location: Mars"),
                Arguments.of("unknown tenant", bytes("get_extension_note@#HQ@#Legal@#1001"),
                        "Error: Unknown tenant: Legal (in location HQ)"),
                Arguments.of("unknown extension", bytes("set_extension_note@#HQ@#Sales@#9999@#hi"),
                        "Error: Unknown extension: 9999 (in tenant Sales of location HQ)"),
                Arguments.of("extension of another tenant", bytes("get_extension_status@#HQ@#Support@#1002"),
                        "Error: Unknown extension: 1002 (in tenant Support of location HQ)"),
                Arguments.of("unknown status", bytes("set_extension_status@#HQ@#Sales@#1001@#Busy"),
                        "Error: Unknown status: Busy (not a status of tenant Sales in location HQ)"),
                Arguments.of("status name is case-sensitive", bytes("set_extension_status@#HQ@#Sales@#1001@#lunch"),
                        "Error: Unknown status: lunch (not a status of tenant Sales in location HQ)"),
                badReturnTime("negative return time", "-5"),
                badReturnTime("text return time", "soon"),
                badReturnTime("fractional return time", "1.5"),
                badReturnTime("empty return time", ""),
                badReturnTime("return time beyond 64 bits", "99999999999999999999"),
                Arguments.of("over-long line", bytes(over), "Error: Line too long: more than 200 bytes"),
                Arguments.of("invalid UTF-8", new byte[] {'s', 'e', 't', (byte) 0xC3, (byte) 0x28, '\n'},
                        "Error: Invalid UTF-8 in command"),
                Arguments.of("escape sequences and a bell in a note",
                        bytes("set_extension_note@#HQ@#Sales@#1004@#\u001b[2J\u001b[31mpwned\u0007"),
                        "Error: Control character U+001B in note: not allowed" + NOTE_LINE_BREAK),
                Arguments.of("NUL in a note", bytes("set_extension_note@#HQ@#Sales@#1001@#a\u0000b"),
                        "Error: Control character U+0000 in note: not allowed" + NOTE_LINE_BREAK),
                Arguments.of("a raw CR inside a note", bytes("set_extension_note@#HQ@#Sales@#1001@#a\rb"),
                        "Error: Control character U+000D in note: not allowed" + NOTE_LINE_BREAK),
                Arguments.of("DEL in a note", bytes("set_extension_note@#HQ@#Sales@#1001@#a\u007Fb"),
                        "Error: Control character U+007F in note: not allowed" + NOTE_LINE_BREAK),
                Arguments.of("C1 CSI in a note", bytes("set_extension_note@#HQ@#Sales@#1001@#\u009B2J"),
                        "Error: Control character U+009B in note: not allowed" + NOTE_LINE_BREAK),
                Arguments.of("bell in a status name", bytes("set_extension_status@#HQ@#Sales@#1001@#Lunch\u0007"),
                        "Error: Control character U+0007 in status name: not allowed"));
    }

    private static Arguments badReturnTime(String what, String value) {
        return Arguments.of(what, bytes("set_extension_return_time@#HQ@#Sales@#1001@#" + value), "Error: Invalid return time: '"
                + value + "' (expected Unix seconds as a non-negative whole number, 0 for none)");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badLines")
    void badInputGetsAnErrorAndTheConnectionStaysUsable(String what, byte[] line, String expectedReply) {
        try (LineClient client = hub.client(); LineClient listener = hub.client()) {
            List<String> stateBefore = stateReport(client);
            client.sendRaw(line);
            assertThat(client.readLine()).isEqualTo(expectedReply);
            String status = client.ask("get_extension_status@#HQ@#Sales@#1001");
            assertThat(status).startsWith("ExtensionStatus@#");
            assertThat(stateReport(client)).isEqualTo(stateBefore);
            // an event for the command would be queued for the listener before its reply to this get
            assertThat(listener.ask("get_extension_status@#HQ@#Sales@#1001")).as("no event for a rejected command")
                    .isEqualTo(status);
        }
    }

    @Test
    void aNoteWithControlCharactersNeverReachesAnotherClient() {
        try (LineClient setter = hub.client(); LineClient listener = hub.client()) {
            setter.sendRaw(bytes("set_extension_note@#HQ@#Sales@#1004@#\u001b[2J\u001b[31mpwned\u0007"));
            assertThat(setter.readLine()).isEqualTo("Error: Control character U+001B in note: not allowed"
                    + NOTE_LINE_BREAK);

            // a tab may stay: the next line the listener gets is this note's event, none came before it
            assertThat(setter.set("set_extension_note@#HQ@#Sales@#1004@#Room\t4#masknl#ring twice")).containsExactly(
                    "ExtensionNoteUpdatedEvent@#HQ@#Sales@#1004@#Room\t4#masknl#ring twice");
            assertThat(listener.readLine()).isEqualTo("ExtensionNoteUpdatedEvent@#HQ@#Sales@#1004@#Room\t4#masknl#ring twice");
            assertThat(listener.ask("get_extension_note@#HQ@#Sales@#1004")).isEqualTo("ExtensionNote@#Room\t4#masknl#ring twice");
        }
    }

    private static List<String> stateReport(LineClient client) {
        client.send("get_extension_state");
        return client.readUntil("State Report Finished");
    }

    private static byte[] bytes(String line) {
        return (line + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
