package dev.ocisc.rebuild;

import dev.ocisc.failure.UsageException;
import java.util.Locale;

/**
 * One thing that may differ between two builds on different machines, after reprotest's list. Each has a
 * control value (every run that does not vary it gets this) and a varied value.
 */
public enum Variation {
    TIME("time", "the clock (faketime: another start date)"),
    TZ("tz", "the time zone (TZ)"),
    LOCALE("locale", "the locale (LANG, LC_ALL)"),
    UMASK("umask", "the umask (022 vs 002)"),
    PATH("path", "the build directory path"),
    HOME("home", "the home directory (HOME)"),
    HOSTNAME("hostname", "the host name (unshare --uts)"),
    DIRORDER("dirorder", "the order directories list their entries (an LD_PRELOAD shim reverses readdir)");

    private final String id;
    private final String description;

    Variation(String id, String description) {
        this.id = id;
        this.description = description;
    }

    public String id() {
        return id;
    }

    public String description() {
        return description;
    }

    /** The variation a user named ({@code --vary}); any other name is a usage error. */
    public static Variation byId(String s) {
        String want = s.trim().toLowerCase(Locale.ROOT);
        for (Variation v : values()) {
            if (v.id.equals(want)) {
                return v;
            }
        }
        throw new UsageException("unknown variation '" + s + "' (time, tz, locale, umask, path, home, "
                + "hostname, dirorder)");
    }
}
