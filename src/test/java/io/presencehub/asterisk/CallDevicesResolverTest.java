package io.presencehub.asterisk;

import static io.presencehub.testing.TestDirectories.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.presencehub.calls.CallDevices;
import io.presencehub.directory.DirectoryIndex;
import io.presencehub.directory.DirectoryParser;
import io.presencehub.model.UserKey;
import io.presencehub.testing.LogCapture;
import io.presencehub.testing.TestDirectories;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;

/**
 * Which devices stand for which users: the patterns, an empty pattern, the directory's own fields, clashes. On
 * {@link TestDirectories#SMALL}: alice on 1001 and 1002 (1002 with its own presentity), 1004 unclaimed, and HQ/Support
 * reusing number 1001, here claimed by emil.
 */
class CallDevicesResolverTest {

    private static final UserKey EMIL = new UserKey("hq", "support", "emil");
    private static final UserKey UNCLAIMED_1004 = new UserKey("hq", "sales", "ext:1004");

    private static final String SUPPORT_TEAMS_DEVICE = ", teamsDevice: \"Custom:teams-support-1001\"}";
    private static final String EMIL_ON_1001 = "\n        users: [{id: emil, extensions: [\"1001\"]}]";

    private static final CallDevicesResolver DEFAULTS = new CallDevicesResolver("PJSIP/{number}", "Custom:teams-{number}");

    /** {@link TestDirectories#SMALL} with emil on Support's 1001, then the further edits (pairs of text, replacement). */
    private static DirectoryIndex directory(String... edits) {
        String[] all = new String[edits.length + 2];
        all[0] = SUPPORT_TEAMS_DEVICE;
        all[1] = SUPPORT_TEAMS_DEVICE + EMIL_ON_1001;
        System.arraycopy(edits, 0, all, 2, edits.length);
        return new DirectoryIndex(new DirectoryParser().parse(TestDirectories.smallWith(all)));
    }

    @Test
    void thePatternsMakeOnePhoneAndOneTeamsDevicePerExtension() {
        CallDevices devices = DEFAULTS.resolve(directory());
        assertThat(devices.phoneDevicesOf(ALICE)).containsExactlyInAnyOrder("PJSIP/1001", "PJSIP/1002");
        assertThat(devices.usersOfPhone("PJSIP/1004")).containsExactly(UNCLAIMED_1004);
        assertThat(devices.teamsDevicesOf(ALICE)).containsExactly("Custom:teams-1001", "Custom:teams-1002");
        assertThat(devices.teamsDevicesOf(EMIL)).as("the directory's teamsDevice replaces the pattern")
                .containsExactly("Custom:teams-support-1001");
        assertThat(devices.usersOfPhone("PJSIP/1001")).as("a number two tenants reuse: one device, counts for both")
                .containsExactlyInAnyOrder(ALICE, EMIL);
    }

    @Test
    void anExtensionsDevicesReplaceThePattern() {
        CallDevices devices = DEFAULTS.resolve(directory("{number: \"1001\"}",
                "{number: \"1001\", devices: [\"PJSIP/alice-desk\", \"PJSIP/alice-soft\"]}"));
        assertThat(devices.phoneDevicesOf(ALICE))
                .containsExactlyInAnyOrder("PJSIP/alice-desk", "PJSIP/alice-soft", "PJSIP/1002");
        assertThat(devices.usersOfPhone("PJSIP/1001")).containsExactly(EMIL);
    }

    @Test
    void emptyPatternsGiveOnlyTheDevicesTheDirectoryNames() {
        CallDevices devices = new CallDevicesResolver("", "").resolve(directory(
                "{number: \"1004\"}", "{number: \"1004\", devices: [\"SIP/old-1004\"]}"));
        assertThat(devices.phoneDevices()).containsExactly("SIP/old-1004");
        assertThat(devices.teamsDevices()).containsOnlyKeys("Custom:teams-support-1001");
    }

    @Test
    void patternMadeTeamsDevicesThatClashGoToNeitherWithOneWarningNamingBoth() {
        try (LogCapture log = LogCapture.start()) {
            CallDevices devices = DEFAULTS.resolve(directory(SUPPORT_TEAMS_DEVICE, "}"));
            assertThat(devices.teamsDevicesOf(ALICE)).containsExactly("Custom:teams-1002");
            assertThat(devices.teamsDevicesOf(EMIL)).isEmpty();
            assertThat(devices.isTeamsDevice("Custom:teams-1001")).isFalse();
            assertThat(log.atLeast(Level.WARN)).singleElement().satisfies(line -> assertThat(line.message())
                    .contains("Custom:teams-1001", "extension 1001 of HQ/Sales", "extension 1001 of HQ/Support",
                            "teamsDevice"));
        }
    }

    @Test
    void aPatternWithoutTheNumberIsRefused() {
        assertThatThrownBy(() -> new CallDevicesResolver("PJSIP/desk", "Custom:teams-{number}"))
                .hasMessageContaining("hub.asterisk.device-pattern").hasMessageContaining("{number}");
    }
}
