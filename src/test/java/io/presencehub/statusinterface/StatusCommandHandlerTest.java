package io.presencehub.statusinterface;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencehub.directory.DirectoryIndex;
import io.presencehub.directory.DirectoryParser;
import io.presencehub.model.DirectoryEvent;
import io.presencehub.model.StateChange;
import io.presencehub.model.UserKey;
import io.presencehub.sync.ChangePublisher;
import io.presencehub.sync.ExtensionReassignment;
import io.presencehub.sync.PresenceApplier;
import io.presencehub.testing.MemoryStateStore;
import io.presencehub.testing.TestDirectories;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The handler without a socket: the exact reply bytes, and what a rejected command leaves untouched. */
class StatusCommandHandlerTest {

    private static final UserKey EXT_1004 = new UserKey("hq", "sales", "ext:1004");

    private final DirectoryIndex index = new DirectoryIndex(new DirectoryParser().parse(TestDirectories.SMALL));
    private final MemoryStateStore store = new MemoryStateStore();
    private final List<StateChange> published = new ArrayList<>();
    private final PresenceApplier applier = new PresenceApplier(store, () -> index, new ChangePublisher() {
        @Override
        public void stateChanged(StateChange change) {
            published.add(change);
        }

        @Override
        public void directoryChanged(List<DirectoryEvent> events) {
        }

        @Override
        public void extensionReassigned(ExtensionReassignment reassignment) {
        }
    }, Clock.systemUTC());
    private final StatusCommandHandler handler = new StatusCommandHandler(() -> index, applier);

    @Test
    void aNoteWithEscapeSequencesAndABellIsRejectedAndChangesNothing() {
        String reply = handle("set_extension_note@#HQ@#Sales@#1004@#\u001b[2J\u001b[31mpwned\u0007");

        assertThat(reply.getBytes(StandardCharsets.UTF_8)).as("plain ASCII, no control character echoed")
                .isEqualTo("Error: Control character U+001B in note: not allowed (a line break is written #masknl#)"
                        .getBytes(StandardCharsets.US_ASCII));
        assertThat(published).isEmpty();
        assertThat(store.loadUserStates()).isEmpty();
        assertThat(applier.current(EXT_1004).note()).isEmpty();
    }

    @Test
    void aStatusNameWithAControlCharacterGetsAClearError() {
        assertThat(handle("set_extension_status@#HQ@#Sales@#1004@#Lunch\u0000"))
                .isEqualTo("Error: Control character U+0000 in status name: not allowed");
        assertThat(published).isEmpty();
    }

    @Test
    void aNoteWithATabAndMaskedLineBreaksIsApplied() {
        assertThat(handle("set_extension_note@#HQ@#Sales@#1004@#Room\t4#masknl#call me")).isEmpty();

        assertThat(published).hasSize(1);
        assertThat(applier.current(EXT_1004).note()).isEqualTo("Room\t4\ncall me");
        assertThat(handle("get_extension_note@#HQ@#Sales@#1004")).isEqualTo("ExtensionNote@#Room\t4#masknl#call me");
    }

    private String handle(String line) {
        List<String> replies = new ArrayList<>();
        handler.handle(InboundLine.of(line), replies::add);
        assertThat(replies).hasSize(1);
        return replies.get(0);
    }
}
