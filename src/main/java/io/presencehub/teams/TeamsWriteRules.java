package io.presencehub.teams;

import io.presencehub.model.UserState;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The rules of writing to Teams, pure (no I/O, no clock of their own, no state): what one user is owed at a given
 * time, and what Graph's answer to a write means. {@link TeamsWriter} keeps the state, the budget and the bookkeeping
 * and asks these rules; {@code TeamsWriteRulesTest} lists the cases.
 */
public final class TeamsWriteRules {

    /** How often a write Graph refused for a missing permission (403) is tried again. */
    public static final Duration PERMISSION_RETRY = Duration.ofMinutes(5);

    private final TeamsSessionResolver targets;
    private final TeamsWriteResolver writes;
    private final RetryPolicy retry;
    private final Duration sessionExpiration;

    public TeamsWriteRules(TeamsSessionResolver targets, TeamsWriteResolver writes, RetryPolicy retry,
                           Duration sessionExpiration) {
        this.targets = targets;
        this.writes = writes;
        this.retry = retry;
        this.sessionExpiration = sessionExpiration;
    }

    /**
     * One user's writing state.
     *
     * @param target   what the hub wants Teams to show (the latest only: coalesced), null before the first change
     * @param held     what Graph accepted last, on account {@code heldFor}
     * @param heldFor  the Graph account {@code held} is about (after an e-mail change the new account holds nothing)
     * @param inFlight whether a write is on its way
     * @param dueAt    not before this instant (Retry-After, back-off, the 403 retry)
     * @param rejected the target Graph rejected (400): not written again until the target changes
     */
    public record Writing(TeamsTarget target, TeamsHeld held, String heldFor, boolean inFlight, Instant dueAt,
                          TeamsTarget rejected) {

        /** What the hub holds on a given account. */
        public TeamsHeld heldOn(String account) {
            return account != null && account.equals(heldFor) ? held : TeamsHeld.NOTHING;
        }
    }

    /** What a user is owed now. */
    public sealed interface Owed {
        /** Nothing: the user leaves the queue until the next change. */
        record Nothing() implements Owed { }

        /** A write, but not now (one in flight, or waiting for a retry): the user stays queued. */
        record Later() implements Owed { }

        /** This write to this Graph account. */
        record Send(String account, TeamsWrite write) implements Owed { }
    }

    private static final Owed NOTHING = new Owed.Nothing();
    private static final Owed LATER = new Owed.Later();

    /** What Teams should show for a hub state. */
    public TeamsTarget targetFor(UserState state) {
        return targets.targetFor(state);
    }

    /** What Teams should show for a hub state while the user is on the phone or not. */
    public TeamsTarget targetFor(UserState state, boolean onThePhone) {
        return targets.targetFor(state, onThePhone);
    }

    /** The session the hub holds while a user is on the phone; empty when calls do not show in Teams. */
    public Optional<SessionPair> callSession() {
        return targets.callSession();
    }

    /** What is owed to a user now, given the Graph account the user's e-mail matches now (empty for none). */
    public Owed owed(Writing writing, Optional<String> graphId, Instant now) {
        if (writing.target() == null) {
            return NOTHING;
        }
        if (writing.inFlight() || now.isBefore(writing.dueAt())) {
            return LATER;
        }
        return next(writing, graphId, now);
    }

    /** The next write towards the target, whatever the timing (nothing when Teams shows what the hub wants). */
    public Owed next(Writing writing, Optional<String> graphId, Instant now) {
        if (writing.target() == null) {
            return NOTHING;
        }
        if (writing.heldFor() != null && writing.held().session().isPresent()
                && !graphId.equals(Optional.of(writing.heldFor()))) {
            // the e-mail moved to another account (or went away): end the session on the old one
            return new Owed.Send(writing.heldFor(), TeamsWrite.clear());
        }
        if (graphId.isEmpty() || writing.target().equals(writing.rejected())) {
            return NOTHING;
        }
        Optional<TeamsWrite> write = writes.next(writing.target(), writing.heldOn(graphId.get()), now);
        return write.<Owed>map(w -> new Owed.Send(graphId.get(), w)).orElse(NOTHING);
    }

    /** Whether a held session must be renewed by now (a tenth of its lifetime before it ends). */
    public boolean renewalDue(TeamsHeld held, Instant now) {
        Instant due = writes.renewalDue(held);
        return due != null && !now.isBefore(due);
    }

    /** What Graph holds after it accepted a write sent at {@code sentAt}. */
    public TeamsHeld heldAfter(TeamsHeld before, TeamsWrite write, Instant sentAt) {
        return switch (write.kind()) {
            case SET_PRESENCE -> before.withSession(write.pair(), sentAt.plus(sessionExpiration));
            case CLEAR_PRESENCE -> before.withoutSession();
            case SET_STATUS_MESSAGE -> before.withMessage(write.message());
        };
    }

    /** What an answer to a write means for the user. */
    public enum Verdict {
        /** Graph holds the write now (a clear of a session already gone included). */
        ACCEPTED,
        /** An outage, throttling or no token: try again after {@link AfterAnswer#retryIn}. */
        RETRY,
        /** A permission an admin has yet to grant (403): still owed, tried again every 5 minutes. */
        FORBIDDEN,
        /** Rejected (400 and the like): not tried again until the user's target changes. */
        REJECTED
    }

    /**
     * The meaning of one answer.
     *
     * @param verdict        what to do with the user
     * @param retryIn        how long until the next try (zero unless RETRY or FORBIDDEN)
     * @param pausesEveryone whether every presence request waits as long (a 429)
     * @param mayHaveApplied whether the write may have changed Teams (so a read sent from now on may show its echo);
     *                       false for a refusal that changed nothing
     */
    public record AfterAnswer(Verdict verdict, Duration retryIn, boolean pausesEveryone, boolean mayHaveApplied) { }

    /** What an answer to a write means, {@code attempts} counting this one. */
    public AfterAnswer afterAnswer(TeamsWrite write, GraphOutcome outcome, int attempts) {
        boolean gone = write.kind() == TeamsWrite.Kind.CLEAR_PRESENCE && outcome.is(404);
        boolean serverFailed = outcome instanceof GraphOutcome.Answered answered && answered.status() >= 500;
        boolean mayHaveApplied = outcome.ok() || gone || outcome instanceof GraphOutcome.NoAnswer || serverFailed;
        if (outcome.ok() || gone) {
            return new AfterAnswer(Verdict.ACCEPTED, Duration.ZERO, false, true);
        }
        if (RetryPolicy.isRetryable(outcome)) {
            String retryAfter = outcome instanceof GraphOutcome.Answered answered ? answered.retryAfter() : null;
            return new AfterAnswer(Verdict.RETRY, retry.delay(attempts, retryAfter),
                    RetryPolicy.pausesEveryone(outcome), mayHaveApplied);
        }
        if (outcome.is(403)) {
            return new AfterAnswer(Verdict.FORBIDDEN, PERMISSION_RETRY, false, mayHaveApplied);
        }
        return new AfterAnswer(Verdict.REJECTED, Duration.ZERO, false, mayHaveApplied);
    }

    /**
     * Requests the polls of {@code matchedUsers} users need per budget window ({@value TeamsPoller#MAX_IDS_PER_REQUEST}
     * ids per request), which writes leave free so that Teams changes are still seen during a write burst; at most
     * half the budget.
     */
    public static int pollReserve(int matchedUsers, Duration pollInterval, Duration window, int limit) {
        int chunks = (matchedUsers + TeamsPoller.MAX_IDS_PER_REQUEST - 1) / TeamsPoller.MAX_IDS_PER_REQUEST;
        long cycles = Math.max(1, window.toMillis() / Math.max(1, pollInterval.toMillis()) + 1);
        return (int) Math.min(limit / 2, chunks * cycles);
    }
}
