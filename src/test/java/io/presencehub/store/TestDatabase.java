package io.presencehub.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * An empty database of one test's own, on H2 (a file in a temporary folder) or PostgreSQL (a fresh schema, dropped on
 * close; skipped or failed as {@link PostgresTestDatabase} says), reachable with plain JDBC as well as a store.
 */
public final class TestDatabase implements AutoCloseable {

    /** The observation table as the first release created it. */
    public static final String FIRST_RELEASE_OBSERVATION_TABLE = "CREATE TABLE observation (kind VARCHAR NOT NULL,"
            + " obj_key VARCHAR NOT NULL, obj_value VARCHAR NOT NULL, observed_at BIGINT NOT NULL,"
            + " PRIMARY KEY (kind, obj_key))";

    private final String url;
    private final String user;
    private final String password;
    private final String schema;
    private final PostgresTestDatabase server;

    private TestDatabase(String url, String user, String password, String schema, PostgresTestDatabase server) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.schema = schema;
        this.server = server;
    }

    /** {@code h2} or {@code postgres}, the H2 file in the given folder. */
    public static TestDatabase of(String database, Path folder) throws SQLException {
        return switch (database) {
            case "h2" -> new TestDatabase("jdbc:h2:file:" + folder.resolve("db/hub") + ";WRITE_DELAY=0", "sa", "", null,
                    null);
            case "postgres" -> postgres();
            default -> throw new IllegalArgumentException("no test database " + database);
        };
    }

    private static TestDatabase postgres() throws SQLException {
        PostgresTestDatabase server = PostgresTestDatabase.required();
        String schema = "hub_test_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection connection = DriverManager.getConnection(server.url(), server.user(), server.password());
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        }
        String url = server.url() + (server.url().contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return new TestDatabase(url, server.user(), server.password(), schema, server);
    }

    /** The hub's store on this database. */
    public JdbcStateStore open() {
        return JdbcStateStore.open(url, user, password);
    }

    /** Runs SQL as it is, outside the store (to set up what an earlier release left). */
    public void execute(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Writes an observation row as it is, outside the store. */
    public void insertObservation(String kind, String key, String value, Instant observedAt) throws SQLException {
        try (Connection connection = connect(); PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO observation (kind, obj_key, obj_value, observed_at) VALUES (?, ?, ?, ?)")) {
            insert.setString(1, kind);
            insert.setString(2, key);
            insert.setString(3, value);
            insert.setLong(4, observedAt.toEpochMilli());
            insert.executeUpdate();
        }
    }

    /** The rows of one kind as they are, read outside the store, by key. */
    public Map<String, Observation> rawObservations(String kind) throws SQLException {
        Map<String, Observation> rows = new HashMap<>();
        try (Connection connection = connect(); PreparedStatement select = connection.prepareStatement(
                "SELECT obj_key, obj_value, observed_at FROM observation WHERE kind = ?")) {
            select.setString(1, kind);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows.put(rs.getString(1), new Observation(kind, rs.getString(1), rs.getString(2),
                            Instant.ofEpochMilli(rs.getLong(3))));
                }
            }
        }
        return rows;
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    @Override
    public void close() throws SQLException {
        if (server == null) {
            return;
        }
        try (Connection connection = DriverManager.getConnection(server.url(), server.user(), server.password());
             Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }
}
