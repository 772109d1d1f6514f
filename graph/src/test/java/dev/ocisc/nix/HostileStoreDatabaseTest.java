package dev.ocisc.nix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.testing.NixTruth;
import dev.ocisc.testing.TestData;
import dev.ocisc.testing.Tools;
import dev.ocisc.testing.TreeSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Store databases made to hurt, edited with Python's sqlite3 (SQLite itself) in a copy of the fixture's. */
class HostileStoreDatabaseTest {
    static final String GREETER = "/nix/store/ihy4kdy0gh57692zs4fmkqx5w7ssxq8q-greeter-2.1.0";

    @TempDir
    Path dir;

    /** A copy of the fixture store whose database has had {@code sql} run on it. */
    Path storeWith(String sql) throws Exception {
        Tools.require("python3");
        Path root = NixTruth.scratchStore(dir);
        Path db = root.resolve(NixStore.DATABASE);
        Tools.check(dir, "python3", "-c", "import sqlite3, sys\nc = sqlite3.connect(sys.argv[1])\n"
                + "c.executescript(sys.argv[2])\nc.commit()\nc.close()\n", db.toString(), sql);
        return root;
    }

    /** A reference to a path out of the store is refused, naming the database, before anything reads it. */
    @Test
    void pathsInTheDatabaseAreStorePaths() throws Exception {
        Path root = storeWith("INSERT INTO ValidPaths (path, hash, registrationTime, narSize)"
                + " VALUES ('/nix/store/../../etc/passwd', 'sha256:' || substr(hex(zeroblob(26)), 1, 52), 1, 1);"
                + " INSERT INTO Refs (referrer, reference) SELECT v.id, p.id FROM ValidPaths v, ValidPaths p"
                + " WHERE v.path = '" + GREETER + "' AND p.path = '/nix/store/../../etc/passwd';");
        NixStore store = NixStore.open(root);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> RuntimeClosure.walk(store, store, List.of(GREETER)));
        assertEquals(root.resolve(NixStore.DATABASE) + ": holds '/nix/store/../../etc/passwd', which is not a store "
                + "path", e.getMessage());
    }

    /** A stray log of garbage: SQLite ignores it, and reads the database without creating -shm beside it. */
    @Test
    void aStrayLogLeavesTheStoreAsItWas() throws Exception {
        Path root = storeWith("");
        byte[] garbage = new byte[5000];
        new java.util.Random(13).nextBytes(garbage);
        Files.write(root.resolve(NixStore.DATABASE + "-wal"), garbage);
        SortedMap<String, String> before = TreeSnapshot.of(root);
        NixStore store = NixStore.open(root);
        NixStore fixture = NixStore.open(TestData.nixStore());
        assertEquals(RuntimeClosure.walk(fixture, fixture, List.of(GREETER)),
                RuntimeClosure.walk(store, store, List.of(GREETER)));
        assertEquals(before, TreeSnapshot.of(root));
    }

    /** A FIFO where the log would be is refused unopened: SQLite would wait on it forever. */
    @Test
    void aLogThatIsNotAFileIsRefused() throws Exception {
        Tools.require("mkfifo");
        Path root = storeWith("");
        Tools.check(null, "mkfifo", root.resolve(NixStore.DATABASE + "-wal").toString());
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> assertTimeoutPreemptively(
                Duration.ofSeconds(20), () -> NixStore.open(root)));
        assertEquals(root.resolve(NixStore.DATABASE + "-wal") + ": store database's write-ahead log is not a regular "
                + "file", e.getMessage());
    }

    /** A database that is not one says so, naming the file; nothing falls back to nix against the store. */
    @Test
    void aBrokenDatabaseSaysWhatIsWrong() throws Exception {
        Path root = storeWith("");
        Path db = root.resolve(NixStore.DATABASE);
        Files.writeString(db, "not a database, but long enough to have a header: " + "x".repeat(200));
        SortedMap<String, String> before = TreeSnapshot.of(root);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> NixStore.open(root));
        assertTrue(e.getMessage().startsWith(db + ": not a readable Nix store database: "), e.getMessage());
        assertTrue(e.getMessage().contains("not a database"), e.getMessage());
        assertEquals(before, TreeSnapshot.of(root));
    }
}
