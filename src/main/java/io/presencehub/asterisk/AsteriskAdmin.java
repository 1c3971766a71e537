package io.presencehub.asterisk;

import java.time.Instant;

/** Gathers what the admin page shows about the Asterisk connector (bean {@code asteriskAdmin}). */
public final class AsteriskAdmin {

    private final AsteriskSettings settings;
    private final AsteriskLink link;
    private final AsteriskWriter writer;

    AsteriskAdmin(AsteriskSettings settings, AsteriskLink link, AsteriskWriter writer) {
        this.settings = settings;
        this.link = link;
        this.writer = writer;
    }

    public AmiOverview overview() {
        AmiLinkStats stats = link.stats();
        boolean connected = link.connection().isConnected();
        // while the link is down the supervisor's current reason is the news; once it is back, the one kept
        String liveError = connected ? null : link.connection().lastError();
        boolean live = liveError != null && !liveError.equals("connecting");
        return new AmiOverview(connected ? "connected" : "disconnected", settings.address(),
                connected ? text(stats.loggedInAt()) : null, stats.eventsPerSecond(), stats.reconnects(),
                live ? liveError : stats.lastError(), live ? null : text(stats.lastErrorAt()), writer.pendingCount());
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
