package dev.ocisc.nix;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.jar.JarEntry;

/**
 * The SQLite driver unpacks its native library into a temporary file on every start and compares it byte by
 * byte with the copy in the jar, a noticeable share of a short run. One unpacked copy in the user's cache,
 * named by the jar entry's size and CRC, serves every later run, whether ocisc was started by the launcher or
 * by {@code java -jar}. Done once, before the first connection, so that runs that open no database pay nothing.
 * Anything unexpected leaves the driver to do as it always does.
 */
final class SqliteLibrary {
    private static final String PATH = "org.sqlite.lib.path";
    private static final String NAME = "org.sqlite.lib.name";
    private static final String LIBRARY = "libsqlitejdbc.so";

    private SqliteLibrary() {
    }

    private static boolean done;

    /** Points the driver at the cached library; the first call does the work, later ones nothing. */
    static synchronized void ensureCached() {
        if (!done) {
            done = true;
            prepare();
        }
    }

    private static void prepare() {
        if (System.getProperty(PATH) != null || !System.getProperty("os.name", "").equals("Linux")) {
            return;
        }
        try {
            String resource = "/org/sqlite/native/" + org.sqlite.util.OSInfo.getNativeLibFolderPathForCurrentOS()
                    + "/" + LIBRARY;
            URL url = org.sqlite.JDBC.class.getResource(resource);
            if (url == null) {
                return;
            }
            URLConnection conn = url.openConnection();
            if (!(conn instanceof JarURLConnection jar)) {
                return;
            }
            JarEntry entry = jar.getJarEntry();
            Path dir = cacheHome().resolve("ocisc/sqlite-native")
                    .resolve(entry.getSize() + "-" + Long.toHexString(entry.getCrc()));
            Path lib = dir.resolve(LIBRARY);
            if (!Files.isRegularFile(lib) || Files.size(lib) != entry.getSize()) {
                Files.createDirectories(dir);
                Path tmp = Files.createTempFile(dir, LIBRARY, ".tmp");
                try (InputStream in = conn.getInputStream()) {
                    Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                    // Concurrent first runs each write their own copy; the rename makes one of them the copy.
                    Files.move(tmp, lib, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } finally {
                    Files.deleteIfExists(tmp);
                }
            }
            System.setProperty(PATH, dir.toString());
            System.setProperty(NAME, LIBRARY);
        } catch (IOException | RuntimeException | LinkageError e) {
            // No cache (read-only home, an unusual class path): the driver unpacks its library itself.
        }
    }

    private static Path cacheHome() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && xdg.startsWith("/")) {
            return Path.of(xdg);
        }
        // $HOME as the XDG spec says (a CI container often sets it apart from the account's home directory).
        String home = System.getenv("HOME");
        return Path.of(home != null && home.startsWith("/") ? home : System.getProperty("user.home"), ".cache");
    }
}
