package dev.jlockdep.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A real application under the agent: H2, an embedded SQL database, driven by JDBC clients (one per
 * benchmark thread, run with {@code -t 4}). Each transaction reads an account, updates it, appends to a
 * journal, reads the account's last journal entries, and commits. Every lock H2 takes (its monitors
 * and {@code java.util.concurrent} locks, the JDK's) goes through the agent.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class JdbcWorkload {
    static final int ACCOUNTS = 10_000;
    private static final String URL = "jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000";

    private Connection keeper;

    @Setup(Level.Trial)
    public void createTables() throws SQLException {
        keeper = DriverManager.getConnection(URL);
        try (Statement s = keeper.createStatement()) {
            s.execute("DROP ALL OBJECTS");
            s.execute("CREATE TABLE account(id INT PRIMARY KEY, balance BIGINT NOT NULL)");
            s.execute("CREATE TABLE journal(id BIGINT AUTO_INCREMENT PRIMARY KEY, account INT NOT NULL, "
                    + "amount BIGINT NOT NULL, note VARCHAR(64))");
            s.execute("CREATE INDEX journal_account ON journal(account)");
        }
        try (PreparedStatement insert = keeper.prepareStatement("INSERT INTO account VALUES (?, 1000)")) {
            for (int i = 0; i < ACCOUNTS; i++) {
                insert.setInt(1, i);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    @TearDown(Level.Trial)
    public void dropTables() throws SQLException {
        keeper.close();
    }

    /** One JDBC connection per benchmark thread, with its prepared statements. */
    @State(Scope.Thread)
    public static class Client {
        private final SplittableRandom random = new SplittableRandom();
        private Connection connection;
        private PreparedStatement balance;
        private PreparedStatement update;
        private PreparedStatement append;
        private PreparedStatement recent;

        @Setup(Level.Trial)
        public void connect() throws SQLException {
            connection = DriverManager.getConnection(URL);
            connection.setAutoCommit(false);
            balance = connection.prepareStatement("SELECT balance FROM account WHERE id = ?");
            update = connection.prepareStatement("UPDATE account SET balance = ? WHERE id = ?");
            append = connection.prepareStatement("INSERT INTO journal(account, amount, note) VALUES (?, ?, ?)");
            recent = connection.prepareStatement(
                    "SELECT amount FROM journal WHERE account = ? ORDER BY id DESC LIMIT 5");
        }

        @TearDown(Level.Trial)
        public void disconnect() throws SQLException {
            connection.close();
        }
    }

    @Benchmark
    public long transaction(Client c) throws SQLException {
        int account = c.random.nextInt(ACCOUNTS);
        long amount = c.random.nextInt(-50, 51);
        long current;
        c.balance.setInt(1, account);
        try (ResultSet rs = c.balance.executeQuery()) {
            rs.next();
            current = rs.getLong(1);
        }
        c.update.setLong(1, current + amount);
        c.update.setInt(2, account);
        c.update.executeUpdate();
        c.append.setInt(1, account);
        c.append.setLong(2, amount);
        c.append.setString(3, "transfer");
        c.append.executeUpdate();
        long sum = 0;
        c.recent.setInt(1, account);
        try (ResultSet rs = c.recent.executeQuery()) {
            while (rs.next()) {
                sum += rs.getLong(1);
            }
        }
        c.connection.commit();
        return sum;
    }
}
