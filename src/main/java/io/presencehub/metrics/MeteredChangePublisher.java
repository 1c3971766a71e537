package io.presencehub.metrics;

import io.presencehub.model.DirectoryEvent;
import io.presencehub.model.StateChange;
import io.presencehub.sync.ChangePublisher;
import io.presencehub.sync.ExtensionReassignment;
import java.util.List;

/**
 * The applier's publisher with meters around it: every stored change is counted by origin, and the time its fan-out
 * takes (the applier hands it over right after the store commit; the send returns at the end of route
 * {@code presence-state-fanout}) goes into the latency histogram. Only used while metrics are on.
 */
public final class MeteredChangePublisher implements ChangePublisher {

    private final ChangePublisher delegate;
    private final HubMetrics metrics;

    public MeteredChangePublisher(ChangePublisher delegate, HubMetrics metrics) {
        this.delegate = delegate;
        this.metrics = metrics;
    }

    @Override
    public void stateChanged(StateChange change) {
        long start = System.nanoTime();
        delegate.stateChanged(change);
        metrics.changeApplied(change.origin(), System.nanoTime() - start);
    }

    @Override
    public void directoryChanged(List<DirectoryEvent> events) {
        delegate.directoryChanged(events);
    }

    @Override
    public void extensionReassigned(ExtensionReassignment reassignment) {
        delegate.extensionReassigned(reassignment);
    }
}
