package io.presencehub.asterisk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.presencehub.calls.CallDevices;
import io.presencehub.directory.DirectoryIndex;
import io.presencehub.directory.DirectoryParser;
import io.presencehub.model.UserKey;
import io.presencehub.testing.LogCapture;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;

/** Which devices stand for which users: the patterns, an empty pattern, the directory's own fields, clashes. */
class CallDevicesResolverTest {

    private static final UserKey BEN = new UserKey("hq", "sales", "ben");
    private static final UserKey EMIL = new UserKey("hq", "support", "emil");
    private static final UserKey UNCLAIMED_2002 = new UserKey("hq", "sales", "ext:2002");

    /** Sales: ben on 2001 and 2003; 2002 unclaimed. Support: emil on 2001 (the number Sales uses too). */
    private static DirectoryIndex directory(String salesExtensions, String supportExtension) {
        return new DirectoryIndex(new DirectoryParser().parse("""
                locations:
                  - name: HQ
                    id: hq
                    tenants:
                      - name: Sales
                        id: sales
                        statuses: [{name: Available, type: available}]
                        extensions:
                %s
                        users: [{id: ben, extensions: ["2001", "2003"]}]
                      - name: Support
                        id: support
                        statuses: [{name: Available, type: available}]
                        extensions:
                          - %s
                        users: [{id: emil, extensions: ["2001"]}]
                """.formatted(salesExtensions, supportExtension)));
    }

    private static final String SALES = """
                      - {number: "2001"}
                      - {number: "2002"}
                      - {number: "2003", presentity: "CustomPresence:sales-2003"}\
            """;
    private static final String SUPPORT_OWN_NAMES =
            "{number: \"2001\", presentity: \"CustomPresence:support-2001\", teamsDevice: \"Custom:teams-support-2001\"}";

    private static final CallDevicesResolver DEFAULTS = new CallDevicesResolver("PJSIP/{number}", "Custom:teams-{number}");

    @Test
    void thePatternsMakeOnePhoneAndOneTeamsDevicePerExtension() {
        CallDevices devices = DEFAULTS.resolve(directory(SALES, SUPPORT_OWN_NAMES));
        assertThat(devices.phoneDevicesOf(BEN)).containsExactlyInAnyOrder("PJSIP/2001", "PJSIP/2003");
        assertThat(devices.usersOfPhone("PJSIP/2002")).containsExactly(UNCLAIMED_2002);
        assertThat(devices.teamsDevicesOf(BEN)).containsExactly("Custom:teams-2001", "Custom:teams-2003");
        assertThat(devices.teamsDevicesOf(EMIL)).as("the directory's teamsDevice replaces the pattern")
                .containsExactly("Custom:teams-support-2001");
        assertThat(devices.usersOfPhone("PJSIP/2001")).as("a number two tenants reuse: one device, counts for both")
                .containsExactlyInAnyOrder(BEN, EMIL);
    }

    @Test
    void anExtensionsDevicesReplaceThePattern() {
        String sales = SALES.replace("{number: \"2001\"}",
                "{number: \"2001\", devices: [\"PJSIP/ben-desk\", \"PJSIP/ben-soft\"]}");
        CallDevices devices = DEFAULTS.resolve(directory(sales, SUPPORT_OWN_NAMES));
        assertThat(devices.phoneDevicesOf(BEN)).containsExactlyInAnyOrder("PJSIP/ben-desk", "PJSIP/ben-soft", "PJSIP/2003");
        assertThat(devices.usersOfPhone("PJSIP/2001")).containsExactly(EMIL);
    }

    @Test
    void emptyPatternsGiveOnlyTheDevicesTheDirectoryNames() {
        CallDevices devices = new CallDevicesResolver("", "").resolve(directory(
                SALES.replace("{number: \"2002\"}", "{number: \"2002\", devices: [\"SIP/old-2002\"]}"), SUPPORT_OWN_NAMES));
        assertThat(devices.phoneDevices()).containsExactly("SIP/old-2002");
        assertThat(devices.teamsDevices()).containsOnlyKeys("Custom:teams-support-2001");
    }

    @Test
    void patternMadeTeamsDevicesThatClashGoToNeitherWithOneWarningNamingBoth() {
        try (LogCapture log = LogCapture.start()) {
            CallDevices devices = DEFAULTS.resolve(directory(SALES, "{number: \"2001\", presentity: \"CustomPresence:s-2001\"}"));
            assertThat(devices.teamsDevicesOf(BEN)).containsExactly("Custom:teams-2003");
            assertThat(devices.teamsDevicesOf(EMIL)).isEmpty();
            assertThat(devices.isTeamsDevice("Custom:teams-2001")).isFalse();
            assertThat(log.atLeast(Level.WARN)).singleElement().satisfies(line -> assertThat(line.message())
                    .contains("Custom:teams-2001", "extension 2001 of HQ/Sales", "extension 2001 of HQ/Support",
                            "teamsDevice"));
        }
    }

    @Test
    void aPatternWithoutTheNumberIsRefused() {
        assertThatThrownBy(() -> new CallDevicesResolver("PJSIP/desk", "Custom:teams-{number}"))
                .hasMessageContaining("hub.asterisk.device-pattern").hasMessageContaining("{number}");
    }
}
