package io.presencehub.statusinterface;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencehub.directory.DirectoryService;
import io.presencehub.testing.TestHub;

/** Reads the hub's stored state directly, to check what a command did beyond its reply. */
final class UserStateProbe {

    private UserStateProbe() {
    }

    static void assertNote(TestHub hub, String salesNumber, String note) {
        DirectoryService directory = hub.directoryService();
        var entry = directory.get().extension("HQ", "Sales", salesNumber).orElseThrow();
        assertThat(hub.applier().current(entry.user()).note()).isEqualTo(note);
    }
}
