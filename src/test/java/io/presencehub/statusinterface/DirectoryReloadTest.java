package io.presencehub.statusinterface;

import io.presencehub.directory.DirectoryService;
import io.presencehub.model.StatusType;
import io.presencehub.model.UserState;
import static org.assertj.core.api.Assertions.assertThat;

import io.presencehub.testing.LineClient;
import io.presencehub.testing.LogCapture;
import io.presencehub.testing.TestDirectories;
import io.presencehub.testing.TestHub;
import static io.presencehub.testing.TestDirectories.smallWith;
import java.nio.file.Path;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Editing the directory file while clients are connected: every client gets the seed's Added /
 * Removed / Rename(d) events byte for byte, user state follows, and a broken file changes nothing.
 * The hub checks the file every 100 ms (TestHub) and applies it at the second check that finds it unchanged;
 * events are awaited with the clients' read timeouts.
 */
class DirectoryReloadTest {

    @TempDir
    Path folder;
    TestHub hub;
    LineClient first;
    LineClient second;

    @BeforeEach
    void startHub() {
        hub = TestHub.in(folder).start();
        first = hub.client();
        second = hub.client();
    }

    @AfterEach
    void stopHub() {
        first.close();
        second.close();
        hub.close();
    }

    private DirectoryService directory() {
        return hub.directoryService();
    }

    /** Both clients receive exactly these lines next. */
    private void bothReceive(List<String> lines) {
        assertThat(first.readLines(lines.size())).isEqualTo(lines);
        assertThat(second.readLines(lines.size())).isEqualTo(lines);
    }

    /** The start of a list item in a tenant of SMALL (statuses, extensions, users). */
    private static final String ITEM = "          - ";

    private static final String EVERYTHING_CHANGED = """
            locations:
              - name: Head Office
                id: hq
                tenants:
                  - name: Vertrieb
                    id: sales
                    statuses:
                      - {name: Available, type: available}
                      - {name: Mittag, type: away, id: Lunch}
                      - {name: Meeting, type: dnd}
                      - {name: Do Not Disturb, type: dnd, id: sales-dnd}
                    extensions:
                      - {number: "1001"}
                      - {number: "1002", presentity: "CustomPresence:sales-1002"}
                      - {number: "1013", id: "1003"}
                      - {number: "1005"}
                    users:
                      - {id: alice, email: alice@example.com, extensions: ["1001", "1002"], defaultExtension: "1001"}
                      - {id: bob, extensions: ["1013"]}
                  - name: Service
                    id: service
                    statuses:
                      - {name: Da, type: available}
                      - {name: Weg, type: away}
                    extensions:
                      - {number: "4001"}
              - name: Lab 日本
                id: lab
                tenants:
                  - name: R&D
                    statuses:
                      - {name: Here 😀, type: available}
                    extensions:
                      - {number: "5001"}
            """;

    @Test
    void everyKindOfDirectoryEventReachesEveryClientByteForByte() {
        hub.writeDirectory(EVERYTHING_CHANGED);

        bothReceive(List.of(
                "LocationRemovedEvent@#Zürich Büro",
                "LocationRenamedEvent@#HQ@#Head Office",
                "TenantRemovedEvent@#Head Office@#Support",
                "TenantRenamedEvent@#Head Office@#Sales@#Vertrieb",
                "StatusRemovedEvent@#Head Office@#Vertrieb@#Away",
                "StatusRenameEvent@#Head Office@#Vertrieb@#Lunch@#Mittag",
                "StatusAddedEvent@#Head Office@#Vertrieb@#Meeting",
                "ExtensionRemovedEvent@#Head Office@#Vertrieb@#1004",
                "ExtensionRenamedEvent@#Head Office@#Vertrieb@#1003@#1013",
                "ExtensionAddedEvent@#Head Office@#Vertrieb@#1005",
                "TenantAddedEvent@#Head Office@#Service",
                "StatusAddedEvent@#Head Office@#Service@#Da",
                "StatusAddedEvent@#Head Office@#Service@#Weg",
                "ExtensionAddedEvent@#Head Office@#Service@#4001",
                "LocationAddedEvent@#Lab 日本",
                "TenantAddedEvent@#Lab 日本@#R&D",
                "StatusAddedEvent@#Lab 日本@#R&D@#Here 😀",
                "ExtensionAddedEvent@#Lab 日本@#R&D@#5001"));

        assertThat(first.send("get_statuses").readUntil("Status Report Finished")).as("no other event came first")
                .containsExactly(
                        "Status Report Started",
                        "Location@#Head Office",
                        "Tenant@#Vertrieb",
                        "Status@#Available", "Status@#Mittag", "Status@#Meeting", "Status@#Do Not Disturb",
                        "Tenant@#Service",
                        "Status@#Da", "Status@#Weg",
                        "Location@#Lab 日本",
                        "Tenant@#R&D",
                        "Status@#Here 😀",
                        "Status Report Finished");
        assertThat(second.send("get_extension_state").readUntil("State Report Finished")).containsExactly(
                "State Report Started",
                "Location@#Head Office",
                "Tenant@#Vertrieb",
                "Extension@#1001@#Available@#@#0",
                "Extension@#1002@#Available@#@#0",
                "Extension@#1013@#Available@#@#0",
                "Extension@#1005@#Available@#@#0",
                "Tenant@#Service",
                "Extension@#4001@#Da@#@#0",
                "Location@#Lab 日本",
                "Tenant@#R&D",
                "Extension@#5001@#Here 😀@#@#0",
                "State Report Finished");
        assertThat(first.ask("get_extension_status@#HQ@#Sales@#1001")).isEqualTo("Error: Unknown location: HQ");
        assertThat(first.set("set_extension_status@#Head Office@#Vertrieb@#1013@#Mittag"))
                .containsExactly("ExtensionStatusUpdatedEvent@#Head Office@#Vertrieb@#1013@#Mittag");
        assertThat(second.readLine()).isEqualTo("ExtensionStatusUpdatedEvent@#Head Office@#Vertrieb@#1013@#Mittag");
    }

    @Test
    void aRenamedStatusKeepsTheUsersOnIt() {
        assertThat(first.set("set_extension_status@#HQ@#Sales@#1001@#Lunch")).hasSize(2); // alice's 1001 and 1002
        assertThat(second.readLines(2)).containsExactly("ExtensionStatusUpdatedEvent@#HQ@#Sales@#1001@#Lunch",
                "ExtensionStatusUpdatedEvent@#HQ@#Sales@#1002@#Lunch");

        hub.writeDirectory(smallWith("{name: Lunch, type: away}", "{name: Mittagspause, type: away, id: Lunch}"));

        bothReceive(List.of("StatusRenameEvent@#HQ@#Sales@#Lunch@#Mittagspause"));
        assertThat(first.ask("get_extension_status@#HQ@#Sales@#1002"))
                .as("the reply comes next: no ExtensionStatusUpdatedEvent for a rename")
                .isEqualTo("ExtensionStatus@#Mittagspause");
        assertThat(second.ask("get_extension_status@#HQ@#Sales@#1001")).isEqualTo("ExtensionStatus@#Mittagspause");
    }

    @Test
    void aRemovedStatusInUseMovesItsUsersToTheDefaultOfItsType() {
        first.set("set_extension_status@#HQ@#Sales@#1001@#Away");
        first.set("set_extension_status@#HQ@#Sales@#1003@#Do Not Disturb");
        assertThat(second.readLines(3)).containsExactly("ExtensionStatusUpdatedEvent@#HQ@#Sales@#1001@#Away",
                "ExtensionStatusUpdatedEvent@#HQ@#Sales@#1002@#Away",
                "ExtensionStatusUpdatedEvent@#HQ@#Sales@#1003@#Do Not Disturb");

        hub.writeDirectory(smallWith("{name: Away, type: away}\n" + ITEM, ""));

        // Lunch is the first (default) status of type away; bob's DND is untouched
        bothReceive(List.of("StatusRemovedEvent@#HQ@#Sales@#Away",
                "ExtensionStatusUpdatedEvent@#HQ@#Sales@#1001@#Lunch",
                "ExtensionStatusUpdatedEvent@#HQ@#Sales@#1002@#Lunch"));
        assertThat(first.ask("get_extension_status@#HQ@#Sales@#1002")).isEqualTo("ExtensionStatus@#Lunch");
        assertThat(second.ask("get_extension_status@#HQ@#Sales@#1003")).isEqualTo("ExtensionStatus@#Do Not Disturb");
    }

    @Test
    void aNewExtensionStartsAvailableWithABlankNoteAndNoReturnTime() {
        hub.writeDirectory(TestDirectories.SMALL_WITH_1005);

        bothReceive(List.of("ExtensionAddedEvent@#HQ@#Sales@#1005"));
        assertThat(first.ask("get_extension_status@#HQ@#Sales@#1005")).as("no other event before the reply")
                .isEqualTo("ExtensionStatus@#Available");
        assertThat(first.ask("get_extension_note@#HQ@#Sales@#1005")).isEqualTo("ExtensionNote@#");
        assertThat(first.ask("get_extension_return_time@#HQ@#Sales@#1005")).isEqualTo("ExtensionReturnTime@#0");
    }

    @Test
    void anExtensionMovedToAnotherUserReportsTheValuesThatDiffer() {
        first.set("set_extension_status@#HQ@#Sales@#1001@#Do Not Disturb");
        first.set("set_extension_note@#HQ@#Sales@#1001@#in a meeting");
        first.set("set_extension_return_time@#HQ@#Sales@#1003@#1700000000");
        first.set("set_extension_return_time@#HQ@#Sales@#1001@#1700000000");
        assertThat(second.readLines(7)).hasSize(7);

        // 1002 goes from alice (DND, note, 1700000000) to bob (Available, no note, 1700000000)
        hub.writeDirectory(smallWith("extensions: [\"1001\", \"1002\"], defaultExtension", "extensions: [\"1001\"], defaultExtension")
                .replace("{id: bob, extensions: [\"1003\"]}", "{id: bob, extensions: [\"1003\", \"1002\"]}"));

        bothReceive(List.of("ExtensionStatusUpdatedEvent@#HQ@#Sales@#1002@#Available",
                "ExtensionNoteUpdatedEvent@#HQ@#Sales@#1002@#"));
        assertThat(first.ask("get_extension_status@#HQ@#Sales@#1002")).as("no return time event: it is the same")
                .isEqualTo("ExtensionStatus@#Available");
        assertThat(first.ask("get_extension_status@#HQ@#Sales@#1001")).isEqualTo("ExtensionStatus@#Do Not Disturb");

        // from now on 1002 follows bob (a user's extensions are reported in directory order)
        assertThat(first.set("set_extension_note@#HQ@#Sales@#1003@#bob's note")).containsExactly(
                "ExtensionNoteUpdatedEvent@#HQ@#Sales@#1002@#bob's note",
                "ExtensionNoteUpdatedEvent@#HQ@#Sales@#1003@#bob's note");
    }

    @Test
    void aBrokenFileIsIgnoredAndTheNextValidEditApplies() {
        try (LogCapture log = LogCapture.start()) {
            hub.writeDirectory("locations: [ {name: HQ");
            // once these return the hub has looked at the file twice in a row, so it has judged it (the reload route
            // and these calls take turns); an event of that look would be queued before the reply that follows, so
            // the reply must come next
            directory().reloadIfChanged();
            assertThat(directory().reloadIfChanged()).as("invalid YAML is not loaded").isFalse();
            assertThat(first.ask("get_extension_status@#HQ@#Sales@#1001")).as("no event for invalid YAML")
                    .isEqualTo("ExtensionStatus@#Available");
            assertThat(log.atLeast(Level.WARN)).singleElement().satisfies(line -> {
                assertThat(line.message()).contains(hub.directoryFile().toString())
                        .contains("rejected, the previous directory stays in force");
                assertThat(line.hasThrowable()).isFalse();
            });
        }

        String duplicateStatus = smallWith("{name: Lunch, type: away}", "{name: Away, type: xa}");
        try (LogCapture log = LogCapture.start()) {
            hub.writeDirectory(duplicateStatus);
            directory().reloadIfChanged();
            assertThat(directory().reloadIfChanged()).as("a file that fails validation is not loaded").isFalse();
            assertThat(log.atLeast(Level.WARN)).as("one line naming where and what").singleElement()
                    .satisfies(line -> assertThat(line.message()).contains("statuses[2]: status 'Away' is defined twice"));
        }
        assertThat(second.set("set_extension_status@#HQ@#Sales@#1004@#Lunch")).as("the old statuses are still in force")
                .containsExactly("ExtensionStatusUpdatedEvent@#HQ@#Sales@#1004@#Lunch");
        assertThat(first.readLine()).isEqualTo("ExtensionStatusUpdatedEvent@#HQ@#Sales@#1004@#Lunch");

        hub.writeDirectory(smallWith("{name: Lunch, type: away}", "{name: Lunch, type: away}\n" + ITEM + "{name: Meeting, type: dnd}"));
        bothReceive(List.of("StatusAddedEvent@#HQ@#Sales@#Meeting"));
        assertThat(first.ask("get_extension_status@#HQ@#Sales@#1004")).isEqualTo("ExtensionStatus@#Lunch");
    }

    @Test
    void aStatusThatGetsAnotherTypeTakesItsUsersAlongWithoutAStatusEvent() {
        try (LineClient client = hub.client()) {
            client.set("set_extension_status@#HQ@#Sales@#1003@#Lunch");
            hub.writeDirectory(smallWith("{name: Lunch, type: away}", "{name: Lunch, type: dnd}"));
            hub.awaitFreshRun("directory-reload");
            assertThat(hub.state(TestDirectories.BOB)).extracting(UserState::statusId, UserState::statusType)
                    .containsExactly("Lunch", StatusType.DND);
            assertThat(client.ask("get_extension_status@#HQ@#Sales@#1003")).isEqualTo("ExtensionStatus@#Lunch");
        }
    }

    @Test
    void devicesChangedAloneApplyWithoutAnyEventToStatusClients() {
        hub.writeDirectory(smallWith("- {number: \"1003\"}",
                "- {number: \"1003\", devices: [\"PJSIP/bob-desk\"], teamsDevice: \"Custom:teams-bob\"}"));
        hub.awaitFreshRun("directory-reload");
        hub.awaitFreshRun("directory-reload");
        assertThat(directory().get().extensionsOf(TestDirectories.BOB)).singleElement()
                .satisfies(entry -> {
                    assertThat(entry.extension().devices()).containsExactly("PJSIP/bob-desk");
                    assertThat(entry.extension().teamsDevice()).isEqualTo("Custom:teams-bob");
                });
        assertThat(first.staysSilent(300)).as("the status protocol has no call state").isTrue();
        assertThat(second.staysSilent(50)).isTrue();
    }
}
