package dev.ocisc.catalog;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The build information the Go linker embeds in a binary (section {@code .go.buildinfo}), read as Go 1.18+'s
 * {@code debug/buildinfo} and {@code runtime/debug.ParseBuildInfo} read it: a 32-byte header starting with the
 * magic {@code \xff Go buildinf:}, then two varint-prefixed strings, the toolchain version and the module info
 * ({@code path}, {@code mod}, {@code dep}, {@code =>} and {@code build} lines between two 16-byte sentinels).
 *
 * @param goVersion the toolchain ({@code go1.19.8})
 * @param path      the main package's import path, or empty
 * @param main      the main module, or null when the binary was not built in module mode
 * @param deps      the modules that provided packages, in Go's order
 */
record GoBuildInfo(String goVersion, String path, GoModule main, List<GoModule> deps) {
    static final byte[] MAGIC = "\u00ff Go buildinf:".getBytes(StandardCharsets.ISO_8859_1);
    static final int HEADER = 32;
    static final int MAX_DEPS = 100_000;
    private static final int FLAG_INLINE = 2;

    GoBuildInfo {
        deps = List.copyOf(deps);
    }

    /** Not build info: the reason, worded to follow the file's name. */
    static final class Unreadable extends Exception {
        Unreadable(String why) {
            super(why, null, false, false);
        }
    }

    /**
     * How many bytes from the magic on the header and both strings take, once the {@code have} bytes read so far
     * tell; -1 while more are needed to know.
     */
    static long needed(byte[] blob, int have) {
        if (have < HEADER) {
            return -1;
        }
        if ((blob[15] & FLAG_INLINE) == 0) {
            return HEADER;
        }
        long[] v = uvarint(blob, HEADER, have);
        if (v == null) {
            return -1;
        }
        if (v[0] > Integer.MAX_VALUE) {
            return Long.MAX_VALUE; // lengths are varints up to 2^63: sums of them must not overflow
        }
        long second = v[1] + v[0];
        if (second >= have) {
            return -1;
        }
        long[] m = uvarint(blob, (int) second, have);
        if (m == null) {
            return -1;
        }
        return m[0] > Integer.MAX_VALUE ? Long.MAX_VALUE : m[1] + m[0];
    }

    /** Parses the build info at the start of {@code blob} ({@code len} bytes). */
    static GoBuildInfo parse(byte[] blob, int len) throws Unreadable {
        if (len < HEADER || !Arrays.equals(blob, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new Unreadable("build info header is truncated");
        }
        if ((blob[15] & FLAG_INLINE) == 0) {
            throw new Unreadable("build info is in the pointer format of Go before 1.18, which is not read");
        }
        long[] v = uvarint(blob, HEADER, len);
        if (v == null || v[0] > len - v[1]) {
            throw new Unreadable("build info is truncated (Go version)");
        }
        String version = new String(blob, (int) v[1], (int) v[0], StandardCharsets.UTF_8);
        long[] m = uvarint(blob, (int) (v[1] + v[0]), len);
        if (m == null || m[0] > len - m[1]) {
            throw new Unreadable("build info is truncated (module info)");
        }
        String mod = new String(blob, (int) m[1], (int) m[0], StandardCharsets.UTF_8);
        // debug/buildinfo: the module info sits between two 16-byte sentinels; anything else is no module info.
        if (m[0] >= 33 && blob[(int) (m[1] + m[0]) - 17] == '\n') {
            mod = new String(blob, (int) m[1] + 16, (int) m[0] - 32, StandardCharsets.UTF_8);
        } else {
            mod = "";
        }
        return parseModInfo(version, mod);
    }

    /** runtime/debug.ParseBuildInfo's reading of the module lines; a line Go would reject rejects the whole. */
    static GoBuildInfo parseModInfo(String goVersion, String data) throws Unreadable {
        String path = "";
        GoModule main = null;
        List<GoModule> deps = new ArrayList<>();
        int lastDep = -2; // -1: the main module; >= 0: that dep; -2: none (a => must follow a mod or dep line)
        int pos = 0;
        int lineNo = 0;
        while (pos < data.length()) {
            int nl = data.indexOf('\n', pos);
            if (nl < 0) {
                break; // Go ignores a last line without its newline
            }
            String line = data.substring(pos, nl);
            pos = nl + 1;
            lineNo++;
            if (line.startsWith("path\t")) {
                path = line.substring(5);
            } else if (line.startsWith("mod\t")) {
                main = module(line.substring(4), lineNo);
                lastDep = -1;
            } else if (line.startsWith("dep\t")) {
                if (deps.size() >= MAX_DEPS) {
                    throw new Unreadable("build info lists more than " + MAX_DEPS + " modules (limit)");
                }
                deps.add(module(line.substring(4), lineNo));
                lastDep = deps.size() - 1;
            } else if (line.startsWith("=>\t")) {
                String[] f = line.substring(3).split("\t", -1);
                if (f.length != 3) {
                    throw new Unreadable("build info line " + lineNo + ": expected 3 columns for a replacement, got "
                            + f.length);
                }
                if (lastDep == -2) {
                    throw new Unreadable("build info line " + lineNo + ": replacement with no module before it");
                }
                if (!GoModule.isDirectory(f[0]) && !GoModule.isWellFormed(f[0], f[1])) {
                    throw new Unreadable("build info line " + lineNo + ": not a module path and version");
                }
                GoModule r = new GoModule(f[0], f[1], f[2], null);
                if (lastDep == -1) {
                    main = main.replacedBy(r);
                } else {
                    deps.set(lastDep, deps.get(lastDep).replacedBy(r));
                }
                lastDep = -2;
            }
        }
        return new GoBuildInfo(goVersion, path, main, deps);
    }

    private static GoModule module(String rest, int lineNo) throws Unreadable {
        String[] f = rest.split("\t", -1);
        if (f.length != 2 && f.length != 3) {
            throw new Unreadable("build info line " + lineNo + ": expected 2 or 3 columns, got " + f.length);
        }
        if (!GoModule.isWellFormed(f[0], f[1])) {
            throw new Unreadable("build info line " + lineNo + ": not a module path and version");
        }
        return new GoModule(f[0], f[1], f.length == 3 ? f[2] : "", null);
    }

    /** {value, position after it}, or null when the varint runs past {@code len} or over 10 bytes. */
    private static long[] uvarint(byte[] b, int pos, int len) {
        long x = 0;
        for (int shift = 0, i = pos; i < len && shift < 64; shift += 7, i++) {
            int c = b[i] & 0xff;
            x |= (long) (c & 0x7f) << shift;
            if (c < 0x80) {
                return x < 0 ? null : new long[] {x, i + 1};
            }
        }
        return null;
    }
}
