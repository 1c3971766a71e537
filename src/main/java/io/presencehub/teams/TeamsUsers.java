package io.presencehub.teams;

import io.presencehub.directory.DirectoryIndex;
import io.presencehub.directory.DirectoryService;
import io.presencehub.model.User;
import io.presencehub.model.UserKey;
import io.presencehub.store.Observation;
import io.presencehub.store.ObservationFormatException;
import io.presencehub.store.StateStore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which hub user is which Graph user. The e-mail → Graph id pairs are cached in the store, so polling starts at once
 * after a restart; Graph's user list is read again at start, on every directory reload (a new user or a changed
 * e-mail takes effect without restart) and every {@code refresh} interval. Problems are logged once each.
 */
public final class TeamsUsers {

    private static final Logger LOG = LoggerFactory.getLogger(TeamsUsers.class);
    static final String KIND_ID = "teams-id";
    private static final int PAGE_SIZE = 999;

    private final GraphRequests requests;
    private final Supplier<DirectoryIndex> directory;
    private final StateStore store;
    private final Clock clock;
    private final Duration refresh;
    private final TeamsUserMatcher matcher = new TeamsUserMatcher();
    private final GraphUserTranslator translator = new GraphUserTranslator();
    private final List<Consumer<Collection<UserKey>>> matchListeners = new CopyOnWriteArrayList<>();

    private volatile Map<UserKey, String> idByUser = Map.of();
    private volatile Map<String, UserKey> userById = Map.of();
    private final Map<String, String> cachedIdByMail = new HashMap<>();
    private final Set<String> reported = new HashSet<>();
    private final List<GraphUser> listing = new ArrayList<>();
    private volatile boolean listingWanted = true;
    private Instant lastListing = Instant.MIN;
    private String lastFailure;

    public TeamsUsers(TeamsSettings settings, Supplier<DirectoryIndex> directory, StateStore store, Clock clock) {
        this.requests = GraphRequests.of(settings);
        this.directory = directory;
        this.store = store;
        this.clock = clock;
        this.refresh = settings.usersRefresh();
        store.loadObservations(KIND_ID).values().forEach(this::cacheStored);
        publish(matcher.matchCached(directory.get(), cachedIdByMail), false);
    }

    /** Called with the users that became matched, got another Graph id or lost theirs, so Teams can follow. */
    public void addMatchListener(Consumer<Collection<UserKey>> listener) {
        matchListeners.add(listener);
    }

    /** The directory changed: match again with the cache at once, and read Graph's user list again soon. */
    public synchronized void directoryChanged(DirectoryService.Reload reload) {
        publish(matcher.matchCached(reload.after(), cachedIdByMail), false);
        listingWanted = true;
    }

    public Optional<String> graphId(UserKey user) {
        return Optional.ofNullable(idByUser.get(user));
    }

    public Optional<UserKey> userOf(String graphId) {
        return Optional.ofNullable(userById.get(graphId));
    }

    /** Every matched Graph id, in a stable order. */
    public List<String> graphIds() {
        return new ArrayList<>(idByUser.values());
    }

    public Collection<UserKey> matchedUsers() {
        return idByUser.keySet();
    }

    /** The first page request of a new user listing, or null when none is due. */
    public synchronized GraphCall startListing() {
        Instant now = clock.instant();
        if (!listingWanted && now.isBefore(lastListing.plus(refresh))) {
            return null;
        }
        listingWanted = false;
        lastListing = now;
        listing.clear();
        return requests.listUsers(PAGE_SIZE, now);
    }

    /** Takes one page; returns the next page's request, or null when the listing is complete or failed. */
    public synchronized GraphCall onPage(GraphAnswer answer) {
        if (!answer.ok()) {
            String failure = "Teams: reading the Microsoft 365 user list failed (" + answer.describe()
                    + "); trying again later";
            if (!failure.equals(lastFailure)) {
                LOG.warn(failure);
                lastFailure = failure;
            }
            listingWanted = true;
            return null;
        }
        lastFailure = null;
        try {
            GraphUserTranslator.Page page = translator.fromPage(answer.body());
            listing.addAll(page.users());
            if (page.nextLink() != null && !page.nextLink().isBlank()) {
                // an absolute link, followed as is
                return requests.nextUsersPage(page.nextLink(), clock.instant());
            }
        } catch (GraphFormatException e) {
            LOG.warn("Teams: unreadable user list page, trying again later: {}", e.getMessage());
            listingWanted = true;
            return null;
        }
        TeamsUserMatcher.Result result = matcher.match(directory.get(), listing);
        LOG.info("Teams: {} of the directory's users matched to Microsoft 365 users ({} listed)",
                result.graphIds().size(), listing.size());
        cache(result);
        publish(result, true);
        listing.clear();
        return null;
    }

    private void cache(TeamsUserMatcher.Result result) {
        DirectoryIndex index = directory.get();
        result.graphIds().forEach((key, id) -> index.user(key).map(User::email).map(TeamsUserMatcher::normal)
                .ifPresent(mail -> {
                    if (!id.equals(cachedIdByMail.get(mail))) {
                        cachedIdByMail.put(mail, id);
                        store.saveObservation(new Observation(KIND_ID, mail, TeamsIdCodec.encode(id), clock.instant()));
                    }
                }));
    }

    /** An unreadable row is not cached: that user's id is looked up again. */
    private void cacheStored(Observation row) {
        try {
            cachedIdByMail.put(row.key(), TeamsIdCodec.decode(row.value()));
        } catch (ObservationFormatException e) {
            LOG.warn("Teams: stored id of {} not readable ({}); it is looked up again", row.key(), e.getMessage());
        }
    }

    private void publish(TeamsUserMatcher.Result result, boolean reportProblems) {
        Map<UserKey, String> before = idByUser;
        Map<String, UserKey> byId = new HashMap<>();
        result.graphIds().forEach((key, id) -> byId.put(id, key));
        idByUser = Map.copyOf(result.graphIds());
        userById = Map.copyOf(byId);
        if (reportProblems) {
            for (String problem : result.problems()) {
                if (reported.add(problem)) {
                    LOG.warn(problem);
                }
            }
        }
        Set<UserKey> changed = new LinkedHashSet<>();
        result.graphIds().forEach((key, id) -> {
            if (!id.equals(before.get(key))) {
                changed.add(key);
            }
        });
        before.keySet().stream().filter(key -> !result.graphIds().containsKey(key)).forEach(changed::add);
        if (!changed.isEmpty()) {
            matchListeners.forEach(l -> l.accept(changed));
        }
    }
}
