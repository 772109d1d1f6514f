package dev.ocisc.nix;

import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.json.StrictJson;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The store's SQLite database ({@code nix/var/nix/db/db.sqlite}, schema 10), read without writing anything
 * beside it: a store given as input is opened immutable (no locks, no journal, no {@code -shm}), so ocisc works
 * on a read-only copy and leaves the user's files as they were.
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

    /** A database with a write-ahead log is copied to be read; past this size it is refused instead. */
    static final long MAX_COPY_BYTES = 4L << 30;

    /**
     * Opens the database of a store given as input, or throws InvalidInputException naming the file and what is
     * wrong with it. Nix keeps its database in WAL mode: commits not yet checkpointed live in db.sqlite-wal, which
     * an immutable open would not see, and SQLite reads a log only through a {@code -shm} index that it creates
     * beside the database. So when there is a log, the database and its log are copied to a private directory
     * and read there.
     */
    public static StoreDatabase open(Path file) {
        Path wal = log(file);
        if (wal == null) {
            return connect(file, IMMUTABLE, null);
        }
        try {
            if (Files.size(file) + Files.size(wal) > MAX_COPY_BYTES) {
                throw new InvalidInputException(file, "has a write-ahead log (" + wal.getFileName() + ") and is too "
                        + "large to read from a copy (over " + MAX_COPY_BYTES + " bytes); checkpoint it first");
            }
            Path copy = Files.createTempDirectory("ocisc-store-db");
            Path db = copy.resolve("db.sqlite");
            // Deleted at exit even if never closed (the stores of a run live as long as the run); files after
            // their directory, since deleteOnExit deletes in reverse order.
            for (Path p : List.of(copy, db, copy.resolve("db.sqlite-wal"), copy.resolve("db.sqlite-shm"))) {
                p.toFile().deleteOnExit();
            }
            Files.copy(file, db);
            Files.copy(wal, copy.resolve("db.sqlite-wal"));
            return connect(db, "?mode=ro", file);
        } catch (java.io.IOException e) {
            throw new InvalidInputException(file, "cannot read store database: " + e.getMessage());
        }
    }

    /**
     * Opens the system store's database, which a running nix-daemon shares: while it has a log, read through
     * SQLite's own WAL protocol (read-only, with the daemon's {@code -shm} index), which keeps a reader consistent
     * while the daemon commits.
     */
    public static StoreDatabase openShared(Path file) {
        return connect(file, log(file) == null ? IMMUTABLE : "?mode=ro", null);
    }

    /** URI parameters for a database read as it is: no locks, no journal, no {@code -shm}, no writes. */
    private static final String IMMUTABLE = "?mode=ro&immutable=1";

    /** The database's write-ahead log if it has one with anything in it; both must be regular files. */
    private static Path log(Path file) {
        requireRegular(file, "store database");
        Path wal = file.resolveSibling(file.getFileName() + "-wal");
        if (!Files.exists(wal, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        requireRegular(wal, "store database's write-ahead log");
        try {
            return Files.size(wal) == 0 ? null : wal;
        } catch (java.io.IOException e) {
            throw InvalidInputException.unreadable(wal, e);
        }
    }

    /** Refuses anything but a regular file: opening a FIFO would wait for a writer forever. */
    private static void requireRegular(Path file, String what) {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new InvalidInputException(file, what + " missing");
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new InvalidInputException(file, what + " is not a regular file");
        }
        if (!Files.isReadable(file)) {
            throw new InvalidInputException(file, what + " unreadable");
        }
    }

    /**
     * Connects to {@code db} with the given URI parameters; errors name {@code shown} (the user's file when
     * {@code db} is a private copy of it).
     */
    private static StoreDatabase connect(Path db, String parameters, Path shown) {
        Path named = shown != null ? shown : db;
        try {
            SqliteLibrary.ensureCached();
            // The driver is asked directly: DriverManager would first look for every JDBC driver on the class path,
            // about 20 ms of a short run.
            Connection c = org.sqlite.JDBC.createConnection("jdbc:sqlite:file:" + db.toAbsolutePath() + parameters,
                    new java.util.Properties());
            try (java.sql.Statement s = c.createStatement()) {
                // Pages read through a memory map instead of a pread each: a build closure query reads about
                // ten thousand of them.
                s.execute("PRAGMA mmap_size=1073741824");
            }
            StoreDatabase store = new StoreDatabase(named, c);
            store.byPath.setString(1, "");
            store.byPath.executeQuery().close(); // fails now, not later, when this is not a Nix database
            return store;
        } catch (SQLException e) {
            throw new InvalidInputException(named, "not a readable Nix store database: " + e.getMessage());
        }
    }

    @Override
    public Optional<PathInfo> get(String path) {
        return cache.computeIfAbsent(path, this::query);
    }

    /** Bulk lookup in chunks of a few thousand paths: one query per chunk instead of two per path. */
    @Override
    public Map<String, PathInfo> getAll(Collection<String> paths) {
        warm(paths);
        Map<String, PathInfo> found = new LinkedHashMap<>();
        for (String p : paths) {
            cache.get(p).ifPresent(i -> found.put(p, i));
        }
        return found;
    }

    @Override
    public void warm(Collection<String> paths) {
        java.util.List<String> todo = new java.util.ArrayList<>();
        java.util.Set<String> asked = new java.util.HashSet<>();
        for (String p : paths) {
            if (!cache.containsKey(p) && asked.add(p)) {
                todo.add(p);
            }
        }
        for (int from = 0; from < todo.size(); from += CHUNK) {
            java.util.List<String> chunk = todo.subList(from, Math.min(todo.size(), from + CHUNK));
            String selected = "WITH selected(id, output) AS (SELECT id, NULL FROM ValidPaths WHERE path IN ("
                    + marks(chunk.size()) + ")) ";
            Map<String, PathInfo> rows = load(selected, chunk);
            for (String p : chunk) {
                cache.put(p, Optional.ofNullable(rows.get(p)));
            }
        }
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
        String closure = "WITH RECURSIVE selected(id, output) AS ("
                + " SELECT id, NULL FROM ValidPaths WHERE path IN (" + marks(roots.size()) + ")"
                + " UNION SELECT r.reference, NULL FROM Refs r JOIN selected c ON r.referrer = c.id) ";
        Map<String, PathInfo> result = load(closure, java.util.List.copyOf(roots));
        result.forEach((p, info) -> cache.put(p, Optional.of(info)));
        return result;
    }

    /**
     * A {@code .drv}'s references are its input derivations and sources, so the build closure is a closure
     * over references too; the outputs come from DerivationOutputs. One recursive query, no .drv parsed. Outputs
     * that are not valid are left to the bulk lookup that follows ({@link #warm}), which asks about the
     * paths this did not find.
     */
    @Override
    public void prefetchBuildClosure(Collection<String> drvRoots) {
        Map<String, PathInfo> found = load(referenceClosure(drvRoots.size()) + ", selected(id, output) AS ("
                + " SELECT id, NULL FROM c UNION ALL"
                + " SELECT v.id, o.id FROM DerivationOutputs o JOIN c ON o.drv = c.id"
                + " JOIN ValidPaths v ON v.path = o.path) ",
                java.util.List.copyOf(drvRoots));
        found.forEach((p, info) -> cache.put(p, Optional.of(info)));
    }

    @Override
    public java.util.List<String> buildClosureDerivations(Collection<String> drvRoots) {
        String answer = concatenated(referenceClosure(drvRoots.size())
                + " SELECT group_concat(v.path, char(10)) FROM ValidPaths v JOIN c ON v.id = c.id"
                + " WHERE v.path LIKE '%.drv'", java.util.List.copyOf(drvRoots));
        if (answer == null) {
            return java.util.List.of();
        }
        java.util.List<String> paths = java.util.List.of(answer.split("\n"));
        paths.forEach(this::checked);
        return paths;
    }

    /**
     * Two columns of the outputs and non-derivation paths of the closure over a {@code .drv}'s references, without
     * references, derivers or per-row subqueries: a third of what {@link #prefetchBuildClosure} costs, for callers
     * that only record hashes. Answered as one string, like {@link #load}.
     */
    @Override
    public Map<String, String> buildClosureNarHashes(Collection<String> drvRoots) {
        String answer = concatenated(referenceClosure(drvRoots.size())
                + " SELECT group_concat(path || char(9) || hash, char(10)) FROM ("
                + " SELECT v.path, v.hash FROM ValidPaths v JOIN c ON v.id = c.id WHERE v.path NOT LIKE '%.drv'"
                + " UNION ALL SELECT v.path, v.hash FROM DerivationOutputs o JOIN c ON o.drv = c.id"
                + " JOIN ValidPaths v ON v.path = o.path)", java.util.List.copyOf(drvRoots));
        Map<String, String> hashes = new HashMap<>();
        for (String[] f : rows(answer, 2)) {
            hashes.put(checked(f[0]), narHex(f[0], f[1]));
        }
        return hashes;
    }

    /** Looks up the paths of ids not seen yet (references leaving a set that is not a closure). */
    private void resolveIds(java.util.Set<Long> ids) throws SQLException {
        java.util.List<Long> todo = new java.util.ArrayList<>(ids);
        for (int from = 0; from < todo.size(); from += CHUNK) {
            java.util.List<Long> chunk = todo.subList(from, Math.min(todo.size(), from + CHUNK));
            try (PreparedStatement ps = connection.prepareStatement(
                    "SELECT id, path FROM ValidPaths WHERE id IN (" + marks(chunk.size()) + ")")) {
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setLong(i + 1, chunk.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        pathsById.put(rs.getLong(1), checked(rs.getString(2)));
                    }
                }
            }
        }
    }

    /**
     * The rows and references of the paths that {@code selectedCte} (a WITH clause defining
     * {@code selected(id, output)}, with one parameter per element of {@code params}) selects. {@code output} is
     * the output name when the selection knows it, else NULL: then it is looked up through the path's deriver.
     *
     * <p>The answer comes back as one string (a line per path, tab-separated fields, references as ids): every
     * column read through JDBC is a native call, and reading 20,000 rows of nine columns and 60,000 reference
     * rows that way took longer than the query itself. Store paths, hashes and content addresses never hold a
     * tab, a newline or a space.
     */
    private Map<String, PathInfo> load(String selectedCte, java.util.List<String> params) {
        String answer = concatenated(selectedCte
                + "SELECT group_concat(v.id || char(9) || v.path || char(9) || v.hash || char(9)"
                + " || coalesce(v.narSize, -1) || char(9) || coalesce(v.deriver, '') || char(9)"
                + " || coalesce(v.registrationTime, 0) || char(9) || coalesce(v.ca, '') || char(9)"
                + " || coalesce(c.output, (SELECT o.id FROM ValidPaths d JOIN DerivationOutputs o ON o.drv = d.id"
                + " WHERE d.path = v.deriver AND o.path = v.path), '') || char(9)"
                + " || coalesce((SELECT group_concat(r.reference, ' ') FROM Refs r WHERE r.referrer = v.id), ''),"
                + " char(10))"
                + " FROM ValidPaths v JOIN selected c ON v.id = c.id", params);
        java.util.List<String[]> rows = rows(answer, 9);
        java.util.Set<Long> unknown = new java.util.HashSet<>();
        for (String[] f : rows) {
            pathsById.put(Long.parseLong(f[0]), checked(f[1]));
            if (!f[4].isEmpty()) {
                checked(f[4]);
            }
        }
        java.util.List<long[]> refIds = new java.util.ArrayList<>(rows.size());
        for (String[] f : rows) {
            long[] ids = ids(f[8]);
            refIds.add(ids);
            for (long id : ids) {
                if (!pathsById.containsKey(id)) {
                    unknown.add(id);
                }
            }
        }
        try {
            resolveIds(unknown);
        } catch (SQLException e) {
            throw new InvalidInputException(file, "cannot query store database: " + e.getMessage());
        }
        Map<String, PathInfo> result = new LinkedHashMap<>();
        for (int r = 0; r < rows.size(); r++) {
            String[] f = rows.get(r);
            java.util.TreeSet<String> refs = new java.util.TreeSet<>();
            for (long id : refIds.get(r)) {
                refs.add(pathsById.get(id));
            }
            result.put(f[1], new PathInfo(f[1], narHex(f[1], f[2]), Long.parseLong(f[3]), refs, f[4].isEmpty() ? null : f[4],
                    Long.parseLong(f[5]), f[6].isEmpty() ? null : f[6], f[7].isEmpty() ? null : f[7]));
        }
        return result;
    }

    /**
     * {@code WITH RECURSIVE c(id)}: the ids of the paths reachable through references from {@code roots} paths
     * given as parameters. Over a {@code .drv}, that is its build closure: a derivation's references are its input
     * derivations and sources.
     */
    private static String referenceClosure(int roots) {
        return "WITH RECURSIVE c(id) AS ("
                + " SELECT id FROM ValidPaths WHERE path IN (" + marks(roots) + ")"
                + " UNION SELECT r.reference FROM Refs r JOIN c ON r.referrer = c.id)";
    }

    /** {@code n} parameter marks, comma-separated. */
    private static String marks(int n) {
        return String.join(",", java.util.Collections.nCopies(n, "?"));
    }

    /** The one value of a query that answers with one string (a group_concat), or null when it is NULL. */
    private String concatenated(String sql, java.util.List<String> params) {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                ps.setString(i + 1, params.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new InvalidInputException(file, "cannot query store database: " + e.getMessage());
        }
    }

    /**
     * {@code path}, read from the database, if it is a store path: paths from the database become nodes, and
     * their files are read under the store root, so a path leading anywhere else is refused here.
     */
    private String checked(String path) {
        if (path == null || !StorePath.isStorePath(path)) {
            throw new InvalidInputException(file, "holds " + StrictJson.quote(path) + ", which is not a store path");
        }
        return path;
    }

    /** A NAR hash as the database spells it ({@code sha256:} and nix-base32), in hex; a bad one names its path. */
    private String narHex(String path, String hash) {
        try {
            return Hashes.toHex(hash, "sha256");
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(file, path + ": bad NAR hash '" + hash + "'");
        }
    }

    /** The lines of a concatenated answer (none when it is null), each split into its {@code n} fields. */
    private java.util.List<String[]> rows(String answer, int n) {
        java.util.List<String[]> rows = new java.util.ArrayList<>();
        if (answer == null) {
            return rows;
        }
        for (int from = 0; from < answer.length();) {
            int end = answer.indexOf('\n', from);
            if (end < 0) {
                end = answer.length();
            }
            rows.add(fields(answer, from, end, n));
            from = end + 1;
        }
        return rows;
    }

    /** The {@code n} tab-separated fields of {@code s} between {@code from} and {@code end}. */
    private String[] fields(String s, int from, int end, int n) {
        String[] f = new String[n];
        for (int i = 0; i < n; i++) {
            int tab = i == n - 1 ? end : s.indexOf('\t', from);
            if (tab < 0 || tab > end) {
                throw new InvalidInputException(file, "unexpected row in the store database: "
                        + s.substring(from, Math.min(end, from + 200)));
            }
            f[i] = s.substring(from, tab);
            from = tab + 1;
        }
        return f;
    }

    /** The space-separated ids in {@code s}. */
    private static long[] ids(String s) {
        if (s.isEmpty()) {
            return new long[0];
        }
        int spaces = 0;
        for (int i = s.indexOf(' '); i >= 0; i = s.indexOf(' ', i + 1)) {
            spaces++;
        }
        long[] ids = new long[spaces + 1];
        int n = 0;
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ' ') {
                ids[n++] = v;
                v = 0;
            } else {
                v = v * 10 + (c - '0');
            }
        }
        ids[n] = v;
        return ids;
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
                    references.add(checked(rs.getString(1)));
                }
            }
            return Optional.of(new PathInfo(path, narHex(path, hash), narSize, references,
                    deriver == null || deriver.isEmpty() ? null : checked(deriver), registered, ca, output));
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
