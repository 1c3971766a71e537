package io.presencehub.statusinterface;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencehub.testing.LineClient;
import io.presencehub.testing.TestHub;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every command and reply of the seed over a real socket, byte for byte. */
class StatusInterfaceCommandsTest {

    @TempDir
    Path folder;
    TestHub hub;

    @BeforeEach
    void startHub() {
        hub = TestHub.in(folder).start();
    }

    @AfterEach
    void stopHub() {
        hub.close();
    }

    @Test
    void getStatusesListsEveryStatusByLocationAndTenant() {
        try (LineClient client = hub.client()) {
            client.send("get_statuses");
            assertThat(client.readUntil("Status Report Finished")).containsExactly(
                    "Status Report Started",
                    "Location@#HQ",
                    "Tenant@#Sales",
                    "Status@#Available",
                    "Status@#Lunch",
                    "Status@#Away",
                    "Status@#Do Not Disturb",
                    "Tenant@#Support",
                    "Status@#Available",
                    "Status@#Busy",
                    "Location@#Zürich Büro",
                    "Tenant@#Ventes",
                    "Status@#Disponible",
                    "Status@#Ne pas déranger",
                    "Status Report Finished");
        }
    }

    @Test
    void getExtensionStateStartsEveryExtensionAvailableWithBlankNoteAndZeroReturnTime() {
        try (LineClient client = hub.client()) {
            client.send("get_extension_state");
            assertThat(client.readUntil("State Report Finished")).containsExactly(
                    "State Report Started",
                    "Location@#HQ",
                    "Tenant@#Sales",
                    "Extension@#1001@#Available@#@#0",
                    "Extension@#1002@#Available@#@#0",
                    "Extension@#1003@#Available@#@#0",
                    "Extension@#1004@#Available@#@#0",
                    "Tenant@#Support",
                    "Extension@#1001@#Available@#@#0",
                    "Location@#Zürich Büro",
                    "Tenant@#Ventes",
                    "Extension@#3001@#Disponible@#@#0",
                    "State Report Finished");
        }
    }

    @Test
    void stateReportShowsTheUsersStateOnEachOfItsExtensionsWithMaskedNewlines() {
        try (LineClient client = hub.client()) {
            client.set("set_extension_status@#HQ@#Sales@#1002@#Lunch");
            client.set("set_extension_note@#HQ@#Sales@#1001@#Back at 2#masknl#call me");
            client.set("set_extension_return_time@#HQ@#Sales@#1001@#1767225600");
            client.send("get_extension_state");
            List<String> lines = client.readUntil("State Report Finished");
            assertThat(lines).contains(
                    "Extension@#1001@#Lunch@#Back at 2#masknl#call me@#1767225600",
                    "Extension@#1002@#Lunch@#Back at 2#masknl#call me@#1767225600",
                    "Extension@#1003@#Available@#@#0");
        }
    }

    @Test
    void getExtensionFieldsReplyWithOneLineEach() {
        try (LineClient client = hub.client(); LineClient other = hub.client()) {
            other.send("set_extension_status@#HQ@#Sales@#1003@#Do Not Disturb");
            other.send("set_extension_note@#HQ@#Sales@#1003@#line one#masknl#line two");
            other.send("set_extension_return_time@#HQ@#Sales@#1003@#1700000000");
            client.readLines(3); // the three events
            assertThat(client.ask("get_extension_status@#HQ@#Sales@#1003")).isEqualTo("ExtensionStatus@#Do Not Disturb");
            assertThat(client.ask("get_extension_note@#HQ@#Sales@#1003")).isEqualTo("ExtensionNote@#line one#masknl#line two");
            assertThat(client.ask("get_extension_return_time@#HQ@#Sales@#1003")).isEqualTo("ExtensionReturnTime@#1700000000");
            assertThat(client.ask("get_extension_return_time@#HQ@#Sales@#1004")).isEqualTo("ExtensionReturnTime@#0");
        }
    }

    @Test
    void setStatusRepliesWithEmptyLineAndEveryClientGetsAnEventPerExtensionOfTheUser() {
        try (LineClient setter = hub.client(); LineClient listener = hub.client()) {
            setter.send("set_extension_status@#HQ@#Sales@#1001@#Do Not Disturb");
            List<String> expected = List.of(
                    "ExtensionStatusUpdatedEvent@#HQ@#Sales@#1001@#Do Not Disturb",
                    "ExtensionStatusUpdatedEvent@#HQ@#Sales@#1002@#Do Not Disturb");
            assertThat(setter.readLines(3)).containsExactly(expected.get(0), expected.get(1), "");
            assertThat(listener.readLines(2)).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void setNoteUnmasksNewlinesAndEventsMaskThemAgain() {
        try (LineClient setter = hub.client(); LineClient listener = hub.client()) {
            setter.send("set_extension_note@#HQ@#Sales@#1003@#Früh weg#masknl#zurück 14:00");
            assertThat(listener.readLine()).isEqualTo("ExtensionNoteUpdatedEvent@#HQ@#Sales@#1003@#Früh weg#masknl#zurück 14:00");
            UserStateProbe.assertNote(hub, "1003", "Früh weg\nzurück 14:00");
        }
    }

    @Test
    void setReturnTimeSendsEventAndZeroClearsIt() {
        try (LineClient setter = hub.client(); LineClient listener = hub.client()) {
            setter.send("set_extension_return_time@#HQ@#Sales@#1004@#1893456000");
            assertThat(listener.readLine()).isEqualTo("ExtensionReturnTimeUpdatedEvent@#HQ@#Sales@#1004@#1893456000");
            setter.send("set_extension_return_time@#HQ@#Sales@#1004@#0");
            assertThat(listener.readLine()).isEqualTo("ExtensionReturnTimeUpdatedEvent@#HQ@#Sales@#1004@#0");
        }
    }

    @Test
    void settingTheCurrentValueAgainRepliesButSendsNoEvent() {
        try (LineClient setter = hub.client(); LineClient listener = hub.client()) {
            assertThat(setter.ask("set_extension_status@#HQ@#Sales@#1004@#Available")).isEmpty();
            assertThat(setter.ask("set_extension_note@#HQ@#Sales@#1004@#")).isEmpty();
            assertThat(setter.ask("set_extension_return_time@#HQ@#Sales@#1004@#0")).isEmpty();
            // an event would have been queued for the listener before the setter's reply, and the listener's own
            // reply is queued behind it: so the reply must be the listener's next line
            assertThat(listener.ask("get_extension_status@#HQ@#Sales@#1004")).isEqualTo("ExtensionStatus@#Available");
        }
    }

    @Test
    void sameNumberInTwoTenantsIsTwoIndependentExtensions() {
        try (LineClient client = hub.client()) {
            client.send("set_extension_status@#HQ@#Support@#1001@#Busy");
            assertThat(client.readLines(2)).containsExactly("ExtensionStatusUpdatedEvent@#HQ@#Support@#1001@#Busy", "");
            assertThat(client.ask("get_extension_status@#HQ@#Sales@#1001")).isEqualTo("ExtensionStatus@#Available");
        }
    }

    @Test
    void unicodeNamesWorkInCommandsAndEvents() {
        try (LineClient client = hub.client()) {
            client.send("set_extension_status@#Zürich Büro@#Ventes@#3001@#Ne pas déranger");
            assertThat(client.readLines(2)).containsExactly(
                    "ExtensionStatusUpdatedEvent@#Zürich Büro@#Ventes@#3001@#Ne pas déranger", "");
            client.send("set_extension_note@#Zürich Büro@#Ventes@#3001@#会議中 🎧");
            assertThat(client.readLines(2)).containsExactly(
                    "ExtensionNoteUpdatedEvent@#Zürich Büro@#Ventes@#3001@#会議中 🎧", "");
        }
    }

    @Test
    void crlfLineEndingsAreAccepted() {
        try (LineClient client = hub.client()) {
            client.sendRaw("get_extension_status@#HQ@#Sales@#1001\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertThat(client.readLine()).isEqualTo("ExtensionStatus@#Available");
        }
    }

    @Test
    void exitClosesTheConnectionWithoutReply() {
        try (LineClient client = hub.client()) {
            client.send("exit");
            assertThat(client.isClosedByServer(30_000)).isTrue();
        }
    }
}
