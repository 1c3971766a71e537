package io.presencehub.teams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.presencehub.store.ObservationFormatException;
import io.presencehub.testing.AwkwardTexts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The stored text of what the hub holds in Teams (kind teams-held), and the rows of releases before it. */
class TeamsHeldCodecTest {

    private static final Instant SESSION_END = Instant.parse("2026-03-02T12:00:00Z");
    private static final Instant MESSAGE_END = Instant.parse("2026-03-02T17:30:00.123456789Z");

    /** Every shape of held state: nothing, a session only, a message only (with or without expiry), both. */
    static List<TeamsHeld> shapes(String message) {
        List<TeamsHeld> shapes = new ArrayList<>();
        shapes.add(TeamsHeld.NOTHING);
        for (SessionPair pair : SessionPair.values()) {
            shapes.add(TeamsHeld.NOTHING.withSession(pair, SESSION_END));
        }
        shapes.add(TeamsHeld.NOTHING.withMessage(new TeamsTarget.StatusMessage(message, null)));
        shapes.add(TeamsHeld.NOTHING.withSession(SessionPair.BUSY_IN_A_CALL, SESSION_END)
                .withMessage(new TeamsTarget.StatusMessage(message, MESSAGE_END)));
        return shapes;
    }

    static Stream<String> awkward() {
        return AwkwardTexts.ALL.stream();
    }

    @ParameterizedTest
    @MethodSource("awkward")
    void everyShapeAndMessageRoundTripsWithItsAccount(String text) {
        for (TeamsHeld held : shapes(text)) {
            for (String account : new String[] {"g-1", text, null}) {
                assertThat(TeamsHeldCodec.decode(TeamsHeldCodec.encode(held, account)))
                        .isEqualTo(new TeamsHeldCodec.AccountHeld(account, held));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("awkward")
    void rowsOfEarlierReleasesReadAsTheyWereWritten(String text) {
        for (TeamsHeld held : shapes(text)) {
            assertThat(TeamsHeldCodec.decode(firstFormat(held, "g-1")))
                    .isEqualTo(new TeamsHeldCodec.AccountHeld("g-1", held));
        }
        assertThat(TeamsHeldCodec.decode(firstFormat(TeamsHeld.NOTHING, null)))
                .isEqualTo(TeamsHeldCodec.AccountHeld.NOTHING);
    }

    @Test
    void theStoredTextNamesItsFieldsAndLeavesOutWhatIsNotHeld() {
        TeamsHeld held = TeamsHeld.NOTHING.withSession(SessionPair.AWAY, SESSION_END)
                .withMessage(new TeamsTarget.StatusMessage("Zurück 14:00\nmobil", null));

        assertThat(TeamsHeldCodec.encode(held, "g-1")).isEqualTo("v=1&account=g-1&session=Away%2FAway"
                + "&sessionExpiresAt=2026-03-02T12%3A00%3A00Z&message=Zur%C3%BCck+14%3A00%0Amobil");
        assertThat(TeamsHeldCodec.encode(TeamsHeld.NOTHING, "g-1")).isEqualTo("v=1&account=g-1");
    }

    @Test
    void aSessionGraphWouldRejectIsNoSession() {
        assertThat(TeamsHeldCodec.decode("v=1&account=g-1&session=Offline%2FOffline&sessionExpiresAt=2026-03-02T12%3A00%3A00Z"))
                .isEqualTo(new TeamsHeldCodec.AccountHeld("g-1", TeamsHeld.NOTHING));
    }

    @Test
    void unreadableTextsAreRefused() {
        for (String damaged : new String[] {"not json", "[1,2]", "", "{\"account\":\"g\",\"session\":\"Away/Away\",\"expiresAt\":\"soon\"}",
            "v=1&account=g&session=Away%2FAway&sessionExpiresAt=soon", "v=1&message=x&messageExpiry=later", "v=2&account=g"}) {
            assertThatThrownBy(() -> TeamsHeldCodec.decode(damaged)).as(damaged)
                    .isInstanceOf(ObservationFormatException.class);
        }
    }

    @Test
    void anUpgradeRewritesEarlierRowsInTheCurrentFormAndLeavesTheRestAlone() {
        TeamsHeld held = TeamsHeld.NOTHING.withSession(SessionPair.AWAY, SESSION_END)
                .withMessage(new TeamsTarget.StatusMessage("a&b=c\nd", MESSAGE_END));
        String current = TeamsHeldCodec.encode(held, "g-1");

        assertThat(TeamsHeldCodec.upgrade(firstFormat(held, "g-1"))).isEqualTo(current);
        assertThat(TeamsHeldCodec.upgrade(current)).isSameAs(current);
        assertThat(TeamsHeldCodec.upgrade("not json")).isEqualTo("not json");
    }

    /** How releases before the codec wrote held state (TeamsWriter.heldAsText). */
    static String firstFormat(TeamsHeld held, String graphId) {
        ObjectNode node = new ObjectMapper().createObjectNode();
        node.put("account", graphId);
        held.session().ifPresent(p -> node.put("session", p.text()));
        if (held.sessionExpiresAt() != null) {
            node.put("expiresAt", held.sessionExpiresAt().toString());
        }
        if (held.message() != null) {
            node.put("message", held.message().text());
            if (held.message().expiry() != null) {
                node.put("messageExpiry", held.message().expiry().toString());
            }
        }
        return node.toString();
    }
}
