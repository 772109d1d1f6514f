package dev.ocisc.nix;

import dev.ocisc.graph.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
    /** Paths per bulk query: well under SQLite's limit on parameters. */
    private static final int CHUNK = 5000;
    private final Map<String, Optional<PathInfo>> cache = new HashMap<>();
    private final Map<Long, String> pathsById = new HashMap<>();

    private StoreDatabase(Path file, Connection connection) throws SQLException {
        this.file = file;
        this.connection = connection;
        this.byPath = connection.prepareStatement(
                "SELECT v.id, v.hash, v.narSize, v.deriver, v.registrationTime, v.ca, o.id FROM ValidPaths v"
                + " LEFT JOIN ValidPaths d ON d.path = v.deriver"
                + " LEFT JOIN DerivationOutputs o ON o.drv = d.id AND o.path = v.path WHERE v.path = ?");
        this.refs = connection.prepareStatement(
                "SELECT v.path FROM Refs r JOIN ValidPaths v ON v.id = r.reference WHERE r.referrer = ?");
    }

    /** Opens the database, or throws InvalidInputException naming the file when it cannot be read. */
    public static StoreDatabase open(Path file) {
        if (!Files.isReadable(file)) {
            throw new InvalidInputException(file, "store database missing or unreadable");
        }
        try {
            // Nix keeps its database in WAL mode: commits not yet checkpointed live in db.sqlite-wal, which an
            // immutable open would not see. Immutable (no locks, no -shm) only when there is no such log.
            Path wal = file.resolveSibling(file.getFileName() + "-wal");
            boolean quiet = !Files.exists(wal) || Files.size(wal) == 0;
            String url = "jdbc:sqlite:file:" + file.toAbsolutePath() + (quiet ? "?mode=ro&immutable=1" : "?mode=ro");
            Connection c = DriverManager.getConnection(url);
            StoreDatabase db = new StoreDatabase(file, c);
            db.byPath.setString(1, "");
            db.byPath.executeQuery().close(); // fails now, not later, when this is not a Nix database
            return db;
        } catch (SQLException | java.io.IOException e) {
            throw new InvalidInputException(file, "not a readable Nix store database: " + e.getMessage());
        }
    }

    @Override
    public Optional<PathInfo> get(String path) {
        return cache.computeIfAbsent(path, this::query);
    }

    /** Bulk lookup in chunks of a few hundred paths: two queries per chunk instead of two per path. */
    @Override
    public Map<String, PathInfo> getAll(Collection<String> paths) {
        Map<String, PathInfo> found = new LinkedHashMap<>();
        java.util.List<String> todo = new java.util.ArrayList<>();
        for (String p : new java.util.LinkedHashSet<>(paths)) {
            Optional<PathInfo> cached = cache.get(p);
            if (cached == null) {
                todo.add(p);
            } else {
                cached.ifPresent(i -> found.put(p, i));
            }
        }
        for (int from = 0; from < todo.size(); from += CHUNK) {
            java.util.List<String> chunk = todo.subList(from, Math.min(todo.size(), from + CHUNK));
            String marks = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
            String selected = "WITH selected(id) AS (SELECT id FROM ValidPaths WHERE path IN (" + marks + ")) ";
            Map<String, PathInfo> rows = load(selected, chunk);
            for (String p : chunk) {
                PathInfo info = rows.get(p);
                cache.put(p, Optional.ofNullable(info));
                if (info != null) {
                    found.put(p, info);
                }
            }
        }
        return found;
    }

    /**
     * The closure in two queries (a recursive one for the paths, one for their references) instead of two per
     * path: for a 10,000-path closure that is the difference between milliseconds and most of a second.
     */
    @Override
    public Map<String, PathInfo> closure(Collection<String> roots) {
        for (String r : roots) {
            if (get(r).isEmpty()) {
                throw new InvalidInputException(r, "not a valid path in the store");
            }
        }
        String seed = String.join(",", java.util.Collections.nCopies(roots.size(), "?"));
        String closure = "WITH RECURSIVE selected(id) AS ("
                + " SELECT id FROM ValidPaths WHERE path IN (" + seed + ")"
                + " UNION SELECT r.reference FROM Refs r JOIN selected c ON r.referrer = c.id) ";
        Map<String, PathInfo> result = load(closure, java.util.List.copyOf(roots));
        result.forEach((p, info) -> cache.put(p, Optional.of(info)));
        return result;
    }

    /**
     * A {@code .drv}'s references are its input derivations and sources, so the build closure is a closure
     * over references too; the outputs come from DerivationOutputs. One recursive query, no .drv parsed. Outputs
     * that are not valid are remembered as such, so that the lookups that follow do not ask again.
     */
    @Override
    public void prefetchBuildClosure(Collection<String> drvRoots) {
        String seed = String.join(",", java.util.Collections.nCopies(drvRoots.size(), "?"));
        String drvs = "WITH RECURSIVE c(id) AS ("
                + " SELECT id FROM ValidPaths WHERE path IN (" + seed + ")"
                + " UNION SELECT r.reference FROM Refs r JOIN c ON r.referrer = c.id), ";
        java.util.List<String> params = java.util.List.copyOf(drvRoots);
        Map<String, PathInfo> found = load(drvs + "selected(id) AS (SELECT id FROM c UNION SELECT v.id"
                + " FROM DerivationOutputs o JOIN c ON o.drv = c.id JOIN ValidPaths v ON v.path = o.path) ", params);
        found.forEach((p, info) -> cache.put(p, Optional.of(info)));
        try (PreparedStatement ps = connection.prepareStatement(drvs.substring(0, drvs.length() - 2)
                + " SELECT o.path FROM DerivationOutputs o JOIN c ON o.drv = c.id"
                + " WHERE NOT EXISTS (SELECT 1 FROM ValidPaths v WHERE v.path = o.path)")) {
            for (int i = 0; i < params.size(); i++) {
                ps.setString(i + 1, params.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    cache.putIfAbsent(rs.getString(1), Optional.empty());
                }
            }
        } catch (SQLException e) {
            throw new InvalidInputException(file, "cannot query store database: " + e.getMessage());
        }
    }

    /** Appends to a growable list of ids whose element 0 is the count. */
    private static long[] append(long[] list, long value) {
        int n = (int) list[0];
        if (n + 1 >= list.length) {
            list = java.util.Arrays.copyOf(list, list.length * 2);
        }
        list[n + 1] = value;
        list[0] = n + 1;
        return list;
    }

    /** Looks up the paths of ids not seen yet (references leaving a set that is not a closure). */
    private void resolveIds(java.util.Set<Long> ids) throws SQLException {
        java.util.List<Long> todo = new java.util.ArrayList<>(ids);
        for (int from = 0; from < todo.size(); from += CHUNK) {
            java.util.List<Long> chunk = todo.subList(from, Math.min(todo.size(), from + CHUNK));
            String marks = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
            try (PreparedStatement ps = connection.prepareStatement(
                    "SELECT id, path FROM ValidPaths WHERE id IN (" + marks + ")")) {
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setLong(i + 1, chunk.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        pathsById.put(rs.getLong(1), rs.getString(2));
                    }
                }
            }
        }
    }

    /**
     * The rows and references of the paths that {@code selectedCte} (a WITH clause defining {@code selected(id)},
     * with one parameter per element of {@code params}) selects.
     */
    private Map<String, PathInfo> load(String selectedCte, java.util.List<String> params) {
        Map<Long, String> pathById = new HashMap<>();
        Map<Long, String[]> rows = new LinkedHashMap<>();
        Map<Long, long[]> numbers = new HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(selectedCte
                + "SELECT v.id, v.path, v.hash, v.narSize, v.deriver, v.registrationTime, v.ca, o.id"
                + " FROM ValidPaths v JOIN selected c ON v.id = c.id"
                + " LEFT JOIN ValidPaths d ON d.path = v.deriver"
                + " LEFT JOIN DerivationOutputs o ON o.drv = d.id AND o.path = v.path")) {
            for (int i = 0; i < params.size(); i++) {
                ps.setString(i + 1, params.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    pathById.put(id, rs.getString(2));
                    long narSize = rs.getLong(4);
                    if (rs.wasNull()) {
                        narSize = -1;
                    }
                    rows.put(id, new String[] {rs.getString(2), rs.getString(3), rs.getString(5), rs.getString(7),
                        rs.getString(8)});
                    numbers.put(id, new long[] {narSize, rs.getLong(6)});
                }
            }
        } catch (SQLException e) {
            throw new InvalidInputException(file, "cannot query store database: " + e.getMessage());
        }
        pathsById.putAll(pathById);
        // References as ids: reading a number per row is much cheaper than a string through JDBC, and the
        // paths are mostly known already (a closure holds every path its members refer to).
        Map<Long, long[]> refIds = new HashMap<>();
        java.util.Set<Long> unknown = new java.util.HashSet<>();
        try (PreparedStatement ps = connection.prepareStatement(selectedCte
                + "SELECT r.referrer, r.reference FROM Refs r JOIN selected c ON r.referrer = c.id")) {
            for (int i = 0; i < params.size(); i++) {
                ps.setString(i + 1, params.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long referrer = rs.getLong(1);
                    long reference = rs.getLong(2);
                    long[] list = refIds.get(referrer);
                    list = list == null ? new long[] {1, reference}
                            : append(list, reference);
                    refIds.put(referrer, list);
                    if (!pathsById.containsKey(reference)) {
                        unknown.add(reference);
                    }
                }
            }
            resolveIds(unknown);
        } catch (SQLException e) {
            throw new InvalidInputException(file, "cannot query store database: " + e.getMessage());
        }
        Map<Long, java.util.TreeSet<String>> refsById = new HashMap<>();
        refIds.forEach((referrer, list) -> {
            java.util.TreeSet<String> refs = new java.util.TreeSet<>();
            for (int i = 1; i <= list[0]; i++) {
                refs.add(pathsById.get(list[i]));
            }
            refsById.put(referrer, refs);
        });
        Map<String, PathInfo> result = new LinkedHashMap<>();
        for (Map.Entry<Long, String[]> row : rows.entrySet()) {
            String[] r = row.getValue();
            long[] n = numbers.get(row.getKey());
            String narHex;
            try {
                narHex = Hashes.toHex(r[1], "sha256");
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(file, r[0] + ": bad NAR hash '" + r[1] + "'");
            }
            result.put(r[0], new PathInfo(r[0], narHex, n[0],
                    refsById.getOrDefault(row.getKey(), new java.util.TreeSet<>()),
                    r[2] == null || r[2].isEmpty() ? null : r[2], n[1], r[3], r[4]));
        }
        return result;
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
            String output;
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
                output = rs.getString(7);
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
                    deriver == null || deriver.isEmpty() ? null : deriver, registered, ca, output));
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
