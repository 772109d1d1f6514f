package dev.ocisc.nix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocisc.testing.TestData;
import dev.ocisc.testing.Tools;
import dev.ocisc.testing.TreeSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nix's database is in WAL mode, and a path registered a moment ago may exist only in db.sqlite-wal. Made with
 * Python's sqlite3 (SQLite itself): a copy of the fixture database whose newest registration is in the log. It is
 * read without a byte of the directory changing.
 */
class StoreDatabaseWalTest {
    static final String NEW_PATH = "/nix/store/00000000000000000000000000000001-just-registered";

    @Test
    void pathsOnlyInTheWriteAheadLogAreSeen(@TempDir Path dir) throws Exception {
        Tools.require("python3");
        Path src = dir.resolve("src.sqlite");
        Files.copy(TestData.nixStore().resolve("nix/var/nix/db/db.sqlite"), src);
        Path out = dir.resolve("copy");
        Files.createDirectories(out);
        String script = String.join("\n",
                "import shutil, sqlite3, sys",
                "src, out = sys.argv[1], sys.argv[2]",
                "c = sqlite3.connect(src)",
                "c.execute('PRAGMA journal_mode=WAL')",
                "c.execute('PRAGMA wal_autocheckpoint=0')",
                "c.execute(\"INSERT INTO ValidPaths (path, hash, registrationTime, narSize) VALUES (?, ?, 1, 1)\",",
                "          ('" + NEW_PATH + "', 'sha256:' + '0' * 52))",
                "c.commit()",
                "shutil.copy(src, out + '/db.sqlite')",
                "shutil.copy(src + '-wal', out + '/db.sqlite-wal')",
                "");
        Tools.check(dir, "python3", "-c", script, src.toString(), out.toString());
        assertTrue(Files.size(out.resolve("db.sqlite-wal")) > 0, "the registration is in the log");
        SortedMap<String, String> before = TreeSnapshot.of(out);
        try (StoreDatabase db = StoreDatabase.open(out.resolve("db.sqlite"))) {
            assertTrue(db.get(NEW_PATH).isPresent(), "a path registered only in the WAL is valid");
            assertEquals(1, db.get(NEW_PATH).get().narSize());
        }
        // SQLite reads a log through a -shm index it makes beside the database: not in the user's directory.
        assertEquals(before, TreeSnapshot.of(out));
    }
}
