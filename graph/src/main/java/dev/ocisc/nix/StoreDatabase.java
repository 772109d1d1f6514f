package dev.ocisc.nix;

import dev.ocisc.graph.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The store's SQLite database ({@code nix/var/nix/db/db.sqlite}, schema 10), opened read-only and immutable:
 * ocisc never takes Nix's locks or writes a journal, so it works on a read-only copy and beside a running
 * daemon.
 */
public final class StoreDatabase implements PathInfoSource, AutoCloseable {
    private final Path file;
    private final Connection connection;
    private final PreparedStatement byPath;
    private final PreparedStatement refs;
    private final Map<String, Optional<PathInfo>> cache = new HashMap<>();

    private StoreDatabase(Path file, Connection connection) throws SQLException {
        this.file = file;
        this.connection = connection;
        this.byPath = connection.prepareStatement(
                "SELECT id, hash, narSize, deriver, registrationTime, ca FROM ValidPaths WHERE path = ?");
        this.refs = connection.prepareStatement(
                "SELECT v.path FROM Refs r JOIN ValidPaths v ON v.id = r.reference WHERE r.referrer = ?");
    }

    /** Opens the database, or throws InvalidInputException naming the file when it cannot be read. */
    public static StoreDatabase open(Path file) {
        if (!Files.isReadable(file)) {
            throw new InvalidInputException(file, "store database missing or unreadable");
        }
        try {
            String url = "jdbc:sqlite:file:" + file.toAbsolutePath() + "?mode=ro&immutable=1";
            Connection c = DriverManager.getConnection(url);
            StoreDatabase db = new StoreDatabase(file, c);
            db.byPath.setString(1, "");
            db.byPath.executeQuery().close(); // fails now, not later, when this is not a Nix database
            return db;
        } catch (SQLException e) {
            throw new InvalidInputException(file, "not a readable Nix store database: " + e.getMessage());
        }
    }

    @Override
    public Optional<PathInfo> get(String path) {
        return cache.computeIfAbsent(path, this::query);
    }

    private Optional<PathInfo> query(String path) {
        try {
            byPath.setString(1, path);
            long id;
            String hash;
            long narSize;
            String deriver;
            long registered;
            String ca;
            try (ResultSet rs = byPath.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                id = rs.getLong(1);
                hash = rs.getString(2);
                narSize = rs.getLong(3);
                if (rs.wasNull()) {
                    narSize = -1;
                }
                deriver = rs.getString(4);
                registered = rs.getLong(5);
                ca = rs.getString(6);
            }
            TreeSet<String> references = new TreeSet<>();
            refs.setLong(1, id);
            try (ResultSet rs = refs.executeQuery()) {
                while (rs.next()) {
                    references.add(rs.getString(1));
                }
            }
            String narHex;
            try {
                narHex = Hashes.toHex(hash, "sha256");
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(file, path + ": bad NAR hash '" + hash + "'");
            }
            return Optional.of(new PathInfo(path, narHex, narSize, references,
                    deriver == null || deriver.isEmpty() ? null : deriver, registered, ca));
        } catch (SQLException e) {
            throw new InvalidInputException(file, "cannot query store database: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // read-only connection: nothing to lose
        }
    }
}
