package io.presencehub.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * The PostgreSQL server the tests use, from {@code HUB_TEST_POSTGRES_URL} (plus {@code _USER},
 * {@code _PASSWORD}); {@code scripts/test.sh} installs and starts one. Under CI it must be there:
 * a missing server fails the test instead of skipping it.
 */
public record PostgresTestDatabase(String url, String user, String password) {

    /** The configured server; fails under CI, skips elsewhere, when none is configured. */
    public static PostgresTestDatabase required() {
        Optional<String> url = Optional.ofNullable(System.getenv("HUB_TEST_POSTGRES_URL")).filter(u -> !u.isBlank());
        if (url.isEmpty()) {
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException("HUB_TEST_POSTGRES_URL is not set: scripts/test.sh starts PostgreSQL for CI");
            }
            Assumptions.abort("no PostgreSQL configured (HUB_TEST_POSTGRES_URL); run scripts/test.sh to include it");
        }
        return new PostgresTestDatabase(url.get(), System.getenv().getOrDefault("HUB_TEST_POSTGRES_USER", "hub"),
                System.getenv().getOrDefault("HUB_TEST_POSTGRES_PASSWORD", ""));
    }

    /** Drops the hub's tables, so a test starts from an empty database. */
    public PostgresTestDatabase empty() {
        try (Connection connection = DriverManager.getConnection(url, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS user_state");
            statement.execute("DROP TABLE IF EXISTS observation");
            return this;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach PostgreSQL at " + url + ": " + e.getMessage(), e);
        }
    }
}
