package io.presencehub.asterisk;

import io.presencehub.decisions.DecisionLog;
import io.presencehub.directory.DirectoryService;
import io.presencehub.store.StateStore;
import io.presencehub.sync.PresenceApplier;
import java.time.Clock;

/**
 * The Asterisk connector's objects wired to one another, without Camel: the writer (fed by the applier's changes),
 * the reader (fed by the inbox), the echoes they share, and the link (the one AMI login and its inbox). Built in
 * this one place for the hub ({@link AsteriskConfiguration#configure}) and for the tests that drive these objects
 * by hand, so that the two cannot wire them differently. Nothing here starts a thread or connects.
 */
record AsteriskParts(AsteriskSettings settings, AsteriskEchoes echoes, AsteriskWriter writer, AsteriskReader reader,
                     AsteriskLink link) {

    /**
     * Upgrades the stored Asterisk rows, then builds the parts. The applier's changes must reach
     * {@link AsteriskWriter#stateChanged} (in the hub: route asterisk-outgoing); the inbox's reports go to the
     * reader, its snapshots to the reader and then {@link AsteriskWriter#resume} (route asterisk-presence-in).
     */
    static AsteriskParts build(AsteriskSettings settings, StateStore store, DirectoryService directory,
                               PresenceApplier applier, Clock clock, DecisionLog decisions) {
        upgradeStoredObservations(store);
        AsteriskEchoes echoes = new AsteriskEchoes();
        AsteriskWriter writer = new AsteriskWriter(new AsteriskWriteResolver(settings), directory, applier::current, store,
                echoes, clock, decisions);
        AsteriskLink link = new AsteriskLink(settings, echoes, writer, clock);
        AsteriskReader reader = new AsteriskReader(settings, directory, applier, store, writer, decisions);
        link.inbox().onIdle(reader::flushObservations);
        directory.addReloadListener(writer::directoryReloaded);
        return new AsteriskParts(settings, echoes, writer, reader, link);
    }

    /** Rows of earlier releases of the Asterisk kinds in the current form, before anything reads them. */
    static void upgradeStoredObservations(StateStore store) {
        for (String kind : new String[] {AsteriskObservation.KIND, AsteriskObservation.KIND_WRITTEN,
            AsteriskObservation.KIND_PENDING}) {
            store.upgradeObservations(kind, AsteriskObservationCodec::upgrade);
        }
    }

    AsteriskInbox inbox() {
        return link.inbox();
    }
}
