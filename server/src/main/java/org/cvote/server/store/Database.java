package org.cvote.server.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Embedded Derby in {@code <data>/db}. Derby's embedded driver pools nothing, but opening a
 * connection to an already booted database is cheap, so each transaction takes a fresh one.
 */
public final class Database implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Database.class.getName());
    private final String url;
    private final Path dir;
    private final Dialect dialect = Dialect.DERBY;
    private volatile boolean closed;

    private Database(Path dir) {
        this.dir = dir;
        this.url = "jdbc:derby:" + dir.toAbsolutePath();
    }

    /** Boots (creating if needed) the database and applies pending migrations. */
    public static Database open(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            // Derby writes derby.log into the working folder unless told otherwise before the first boot.
            if (System.getProperty("derby.stream.error.file") == null) {
                System.setProperty("derby.stream.error.file", dataDir.resolve("derby.log").toString());
            }
            Database db = new Database(dataDir.resolve("db"));
            Properties p = new Properties();
            p.setProperty("create", "true");
            try (Connection c = DriverManager.getConnection(db.url, p)) {
                Migrations.apply(c, db.dialect);
            }
            return db;
        } catch (Exception e) {
            throw new IllegalStateException("cannot open database in " + dataDir, e);
        }
    }

    public Connection connect() throws SQLException {
        if (closed) throw new SQLException("database closed", "08003");
        return DriverManager.getConnection(url);
    }

    public Dialect dialect() { return dialect; }

    public Path dir() { return dir; }

    /** Derby reports a clean shutdown with an exception (08006); anything else is an unclean stop. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        try {
            DriverManager.getConnection(url + ";shutdown=true").close();
        } catch (SQLException e) {
            if (!"08006".equals(e.getSQLState()) && !"XJ015".equals(e.getSQLState())) {
                LOG.log(System.Logger.Level.WARNING, "Derby did not shut down cleanly: " + e.getSQLState());
            }
        }
    }
}
