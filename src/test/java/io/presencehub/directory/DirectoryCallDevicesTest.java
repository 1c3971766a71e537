package io.presencehub.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.presencehub.model.Directory;
import io.presencehub.model.Extension;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** An extension's call-state fields in the directory file: devices and teamsDevice, read, checked and diffed. */
class DirectoryCallDevicesTest {

    private final DirectoryParser parser = new DirectoryParser();

    /** HQ/Sales with these extensions, and HQ/Support with {@code support} as its one extension. */
    private static String file(String sales, String support) {
        return """
                locations:
                  - name: HQ
                    tenants:
                      - name: Sales
                        statuses: [{name: Available, type: available}]
                        extensions: %s
                      - name: Support
                        statuses: [{name: Available, type: available}]
                        extensions: [%s]
                """.formatted(sales, support);
    }

    private static final String SUPPORT = "{number: '2001', presentity: 'CustomPresence:support-2001'}";

    private Extension only(Directory directory, String tenant) {
        return directory.locations().get(0).tenants().stream().filter(t -> t.name().equals(tenant)).findFirst()
                .orElseThrow().extensions().get(0);
    }

    @Test
    void devicesAndTeamsDeviceAreRead() {
        Directory directory = parser.parse(file("[{number: '2001', devices: ['PJSIP/2001', ' PJSIP/2001-soft ', 'PJSIP/2001'],"
                + " teamsDevice: 'Custom:teams-sales-2001'}]", SUPPORT));
        Extension sales = only(directory, "Sales");
        assertThat(sales.devices()).as("trimmed, in order, once each").containsExactly("PJSIP/2001", "PJSIP/2001-soft");
        assertThat(sales.teamsDevice()).isEqualTo("Custom:teams-sales-2001");
        Extension support = only(directory, "Support");
        assertThat(support.devices()).as("absent: the pattern applies").isEmpty();
        assertThat(support.teamsDevice()).isNull();
        assertThat(support).isEqualTo(new Extension("2001", "2001", "CustomPresence:support-2001"));
    }

    static Stream<Arguments> brokenFields() {
        return Stream.of(
                broken("devices not a list", "devices: 'PJSIP/2001'", "devices must be a list of Asterisk device names"),
                broken("a device not a string", "devices: [2001]", "devices[0] must be a device name in quotes"),
                broken("a blank device", "devices: ['PJSIP/2001', ' ']", "devices[1] must not be empty"),
                broken("a device with a line break", "devices: [\"PJSIP/20\\n01\"]",
                        "devices[0] 'PJSIP/20?01' must not contain control characters"),
                broken("teamsDevice a list", "teamsDevice: ['Custom:a']", "teamsDevice must be a device name in quotes"),
                broken("teamsDevice blank", "teamsDevice: ''", "teamsDevice must not be empty"),
                broken("teamsDevice with a tab", "teamsDevice: \"Custom:\\tx\"",
                        "teamsDevice 'Custom:?x' must not contain control characters"));
    }

    /** Sales' one extension 2001 with this broken field, and the start of the message that must refuse it. */
    private static Arguments broken(String name, String field, String problem) {
        return Arguments.of(name, "[{number: '2001', " + field + "}]", "locations[0].tenants[0].extensions[0]: " + problem);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenFields")
    void aBrokenFieldIsRejectedNamingWhereAndWhat(String name, String sales, String message) {
        assertThatThrownBy(() -> parser.parse(file(sales, SUPPORT)))
                .isInstanceOf(DirectoryException.class).message().startsWith(message);
    }

    @Test
    void aTeamsDeviceWrittenTwiceIsRejectedLikeADuplicatePresentity() {
        String support = "{number: '2001', presentity: 'CustomPresence:support-2001', teamsDevice: 'Custom:teams-2001'}";
        assertThatThrownBy(() -> parser.parse(file("[{number: '2001', teamsDevice: 'Custom:teams-2001'}]", support)))
                .isInstanceOf(DirectoryException.class)
                .hasMessage("locations[0].tenants[1].extensions[0]: teamsDevice Custom:teams-2001 is already used by"
                        + " another extension; every extension needs its own teamsDevice");
    }

    @Test
    void aPhoneDeviceSharedByTwoExtensionsIsAllowed() {
        Directory directory = parser.parse(file("[{number: '2001', devices: ['PJSIP/shared']}]",
                "{number: '2001', presentity: 'CustomPresence:support-2001', devices: ['PJSIP/shared']}"));
        assertThat(only(directory, "Support").devices()).containsExactly("PJSIP/shared");
    }

    @Test
    void changedDevicesAloneAreNoDirectoryEvent() {
        Directory before = parser.parse(file("[{number: '2001'}]", SUPPORT));
        Directory after = parser.parse(file("[{number: '2001', devices: ['PJSIP/x'], teamsDevice: 'Custom:y'}]", SUPPORT));
        assertThat(DirectoryDiff.between(before, after)).isEmpty();
        assertThat(DirectoryDiff.between(after, before)).isEmpty();
        assertThat(only(after, "Sales").devices()).isEqualTo(List.of("PJSIP/x"));
    }
}
