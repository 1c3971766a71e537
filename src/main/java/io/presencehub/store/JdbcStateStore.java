package io.presencehub.store;

import io.presencehub.model.Origin;
import io.presencehub.model.StatusType;
import io.presencehub.model.UserKey;
import io.presencehub.model.UserState;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link StateStore} on an embedded H2 file or a PostgreSQL server. One connection in
 * auto-commit mode serialises the writes; every write is committed before the call returns. A lost
 * connection (a database restart) is opened again once and the work retried; nothing is
 * acknowledged in between.
 */
public final class JdbcStateStore implements StateStore {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcStateStore.class);

    private static final String[] SCHEMA = {
        "CREATE TABLE IF NOT EXISTS user_state (location_id VARCHAR NOT NULL, tenant_id VARCHAR NOT NULL,"
            + " user_id VARCHAR NOT NULL, status_id VARCHAR NOT NULL, status_type VARCHAR NOT NULL,"
            + " note VARCHAR NOT NULL, return_time BIGINT NOT NULL, origin VARCHAR NOT NULL,"
            + " changed_at BIGINT NOT NULL, version BIGINT NOT NULL,"
            + " PRIMARY KEY (location_id, tenant_id, user_id))",
        "CREATE TABLE IF NOT EXISTS observation (kind VARCHAR NOT NULL, obj_key VARCHAR NOT NULL,"
            + " obj_value VARCHAR NOT NULL, observed_at BIGINT NOT NULL, PRIMARY KEY (kind, obj_key))",
        // added after the first release: null in older rows means "the same as origin"
        "ALTER TABLE user_state ADD COLUMN IF NOT EXISTS status_origin VARCHAR"
    };

    private static final String UPDATE_STATE = "UPDATE user_state SET status_id = ?, status_type = ?, note = ?,"
            + " return_time = ?, origin = ?, changed_at = ?, version = ?, status_origin = ?"
            + " WHERE location_id = ? AND tenant_id = ? AND user_id = ?";
    private static final String INSERT_STATE = "INSERT INTO user_state (status_id, status_type, note, return_time, origin,"
            + " changed_at, version, status_origin, location_id, tenant_id, user_id)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String UPDATE_OBSERVATION =
            "UPDATE observation SET obj_value = ?, observed_at = ? WHERE kind = ? AND obj_key = ?";
    private static final String INSERT_OBSERVATION =
            "INSERT INTO observation (obj_value, observed_at, kind, obj_key) VALUES (?, ?, ?, ?)";

    private final String url;
    private final String user;
    private final String password;
    private final Map<String, PreparedStatement> prepared = new HashMap<>();
    private Connection connection;
    private boolean closed;

    private JdbcStateStore(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /**
     * Opens (and creates, for H2) the database at a JDBC URL. An H2 file URL is made durable
     * ({@code WRITE_DELAY=0}, see {@link H2FileUrl}) and its file checked first ({@link H2StoreFile}).
     *
     * @throws StoreException with a one-line message when the store cannot be used
     */
    public static JdbcStateStore open(String url, String user, String password) {
        Optional<H2FileUrl> h2 = H2FileUrl.parse(url);
        String connectUrl = h2.map(H2FileUrl::durable).orElse(url);
        try {
            h2.flatMap(H2FileUrl::databaseFile).ifPresent(H2StoreFile::prepare);
            h2.flatMap(H2FileUrl::replacedWriteDelay).ifPresent(delay -> LOG.warn(
                    "WRITE_DELAY={} in the store URL is ignored: every change is written to the file before it is"
                    + " acknowledged (WRITE_DELAY=0)", delay));
            JdbcStateStore store = new JdbcStateStore(connectUrl, user, password);
            store.connect();
            LOG.info("State store open at {}", redact(connectUrl));
            return store;
        } catch (StoreException e) {
            throw new StoreException("cannot open the state store at " + redact(url) + ": " + e.getMessage(), e.getCause());
        } catch (SQLException e) {
            // drivers repeat the URL in their message ("No suitable driver found for …"): redact it too
            SQLException safe = new SQLException(redact(String.valueOf(e.getMessage())), e.getSQLState(), e.getErrorCode());
            safe.setStackTrace(e.getStackTrace());
            throw new StoreException("cannot open the state store at " + redact(url) + ": " + safe.getMessage(), safe);
        }
    }

    private void connect() throws SQLException {
        connection = DriverManager.getConnection(url, user, password);
        connection.setAutoCommit(true);
        prepared.clear();
        try (Statement statement = connection.createStatement()) {
            for (String ddl : SCHEMA) {
                statement.execute(ddl);
            }
        }
    }

    /** Database work that may be retried as a whole (every write here is an idempotent upsert). */
    private interface Work<T> {
        T run() throws SQLException;
    }

    /** Runs work on the connection; a lost connection is opened again once and the work retried. */
    private <T> T withConnection(Work<T> work) throws SQLException {
        try {
            return work.run();
        } catch (SQLException e) {
            if (closed || !connectionLost(e)) {
                throw e;
            }
            LOG.warn("State store connection to {} lost ({}): opening it again", redact(url), e.getMessage());
            try {
                connection.close();
            } catch (SQLException ignored) {
                // it is gone anyway
            }
            connect();
            return work.run();
        }
    }

    /** SQLState class 08 is "connection exception"; a connection that no longer answers counts too. */
    private boolean connectionLost(SQLException e) {
        if (e.getSQLState() != null && e.getSQLState().startsWith("08")) {
            return true;
        }
        try {
            return !connection.isValid(2);
        } catch (SQLException invalid) {
            return true;
        }
    }

    @Override
    public synchronized Map<UserKey, UserState> loadUserStates() {
        Map<UserKey, UserState> states = new HashMap<>();
        String sql = "SELECT location_id, tenant_id, user_id, status_id, status_type, note, return_time,"
                + " origin, changed_at, version, status_origin FROM user_state";
        try {
            return withConnection(() -> {
                states.clear();
                try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
                    while (rs.next()) {
                        UserKey key = new UserKey(rs.getString(1), rs.getString(2), rs.getString(3));
                        states.put(key, new UserState(rs.getString(4),
                                StatusType.fromCode(rs.getString(5)).orElse(StatusType.AVAILABLE), rs.getString(6),
                                rs.getLong(7), Origin.valueOf(rs.getString(8)), Instant.ofEpochMilli(rs.getLong(9)),
                                rs.getLong(10), rs.getString(11) == null ? null : Origin.valueOf(rs.getString(11))));
                    }
                }
                return states;
            });
        } catch (SQLException e) {
            throw new StoreException("cannot read user states: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void saveUserState(UserKey user, UserState state) {
        try {
            withConnection(() -> {
                if (writeUserState(UPDATE_STATE, user, state) == 0) {
                    writeUserState(INSERT_STATE, user, state);
                }
                return null;
            });
        } catch (SQLException e) {
            throw new StoreException("cannot store the state of " + user + ": " + e.getMessage(), e);
        }
    }

    /**
     * Stores several users' states in one transaction: all of them or, on failure, none (a journal's
     * batch; a commit per row costs more than the rows themselves).
     */
    public synchronized void saveUserStates(Map<UserKey, UserState> states) {
        if (states.isEmpty()) {
            return;
        }
        try {
            withConnection(() -> inTransaction(() -> {
                for (Map.Entry<UserKey, UserState> entry : states.entrySet()) {
                    if (writeUserState(UPDATE_STATE, entry.getKey(), entry.getValue()) == 0) {
                        writeUserState(INSERT_STATE, entry.getKey(), entry.getValue());
                    }
                }
                return states.size();
            }));
        } catch (SQLException e) {
            throw new StoreException("cannot store the states of " + states.size() + " users, first "
                    + states.keySet().iterator().next() + ": " + e.getMessage(), e);
        }
    }

    private int writeUserState(String sql, UserKey user, UserState state) throws SQLException {
        PreparedStatement ps = statement(sql);
        ps.setString(1, state.statusId());
        ps.setString(2, state.statusType().code());
        ps.setString(3, state.note());
        ps.setLong(4, state.returnTime());
        ps.setString(5, state.origin().name());
        ps.setLong(6, state.changedAt().toEpochMilli());
        ps.setLong(7, state.version());
        ps.setString(8, state.statusOrigin().name());
        ps.setString(9, user.locationId());
        ps.setString(10, user.tenantId());
        ps.setString(11, user.userId());
        return ps.executeUpdate();
    }

    @Override
    public void saveObservation(Observation observation) {
        saveObservations(List.of(observation));
    }

    /** One transaction for the whole batch: a commit per row costs more than the rows themselves. */
    @Override
    public synchronized void saveObservations(Collection<Observation> observations) {
        if (observations.isEmpty()) {
            return;
        }
        try {
            withConnection(() -> inTransaction(() -> {
                for (Observation observation : observations) {
                    if (writeObservation(UPDATE_OBSERVATION, observation) == 0) {
                        writeObservation(INSERT_OBSERVATION, observation);
                    }
                }
                return observations.size();
            }));
        } catch (SQLException e) {
            Observation first = observations.iterator().next();
            String what = observations.size() == 1 ? "observation " : observations.size() + " observations, first ";
            throw new StoreException("cannot store " + what + first.kind() + "/" + first.key() + ": " + e.getMessage(), e);
        }
    }

    /** Runs work as one transaction: committed when it returns, rolled back when it throws. */
    private <T> T inTransaction(Work<T> work) throws SQLException {
        connection.setAutoCommit(false);
        try {
            T result = work.run();
            connection.commit();
            return result;
        } catch (SQLException e) {
            rollbackQuietly();
            throw e;
        } finally {
            autoCommitQuietly();
        }
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the connection is gone: nothing was committed
        }
    }

    private void autoCommitQuietly() {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException ignored) {
            // the connection is gone: a new one starts in auto-commit
        }
    }

    private int writeObservation(String sql, Observation observation) throws SQLException {
        PreparedStatement ps = statement(sql);
        ps.setString(1, observation.value());
        ps.setLong(2, observation.observedAt().toEpochMilli());
        ps.setString(3, observation.kind());
        ps.setString(4, observation.key());
        return ps.executeUpdate();
    }

    /** Statements are prepared once per connection: writes are serialised on it anyway. */
    private PreparedStatement statement(String sql) throws SQLException {
        PreparedStatement ps = prepared.get(sql);
        if (ps == null) {
            ps = connection.prepareStatement(sql);
            prepared.put(sql, ps);
        }
        return ps;
    }

    @Override
    public synchronized Map<String, Observation> loadObservations(String kind) {
        Map<String, Observation> observations = new HashMap<>();
        String sql = "SELECT obj_key, obj_value, observed_at FROM observation WHERE kind = ?";
        try {
            return withConnection(() -> {
                observations.clear();
                PreparedStatement ps = statement(sql);
                ps.setString(1, kind);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        observations.put(rs.getString(1), new Observation(kind, rs.getString(1), rs.getString(2),
                                Instant.ofEpochMilli(rs.getLong(3))));
                    }
                }
                return observations;
            });
        } catch (SQLException e) {
            throw new StoreException("cannot read observations of " + kind + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        try {
            connection.close();
            LOG.info("State store at {} closed", redact(url));
        } catch (SQLException e) {
            LOG.warn("Closing the state store failed: {}", e.getMessage());
        }
    }

    /** JDBC URLs may carry a password parameter; never log it. */
    static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }
}
