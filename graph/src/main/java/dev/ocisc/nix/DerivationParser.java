package dev.ocisc.nix;

import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.json.StrictJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads the ATerm text of a {@code .drv} file:
 * {@code Derive([outputs],[inputDrvs],[inputSrcs],"system","builder",[args],[env])}, and the newer
 * {@code DrvWithVersion("xp-dyn-drv", ...)} form. Works on bytes so that error offsets are byte offsets and
 * strings keep non-ASCII content intact.
 */
public final class DerivationParser {
    private final String source;
    private final byte[] in;
    private int pos;

    private DerivationParser(String source, byte[] in) {
        this.source = source;
        this.in = in;
    }

    /** Larger {@code .drv} files are refused: the largest Nix writes (huge environments) are a few megabytes. */
    public static final int MAX_BYTES = 64 << 20;

    /** Reads the {@code .drv} file at {@code file}, whose store path is {@code drvPath}. */
    public static Derivation read(Path file, String drvPath) {
        return readIfExists(file, drvPath).orElseThrow(() -> new InvalidInputException(file,
                "cannot read derivation: no such file"));
    }

    /**
     * Reads the {@code .drv} file at {@code file}, or empty when there is none. Only a regular file of at most
     * {@link #MAX_BYTES} is opened, and not through a symbolic link: opening a FIFO would wait for a writer
     * forever, a device such as {@code /dev/zero} never ends, and a link leads out of the store.
     */
    public static java.util.Optional<Derivation> readIfExists(Path file, String drvPath) {
        byte[] bytes;
        try {
            BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (!attrs.isRegularFile()) {
                throw new InvalidInputException(file, "cannot read derivation: not a regular file but "
                        + (attrs.isSymbolicLink() ? "a symbolic link" : attrs.isDirectory() ? "a directory"
                        : "a device, FIFO or socket"));
            }
            if (attrs.size() > MAX_BYTES) {
                throw new InvalidInputException(file, "cannot read derivation: larger than " + MAX_BYTES
                        + " bytes");
            }
            try (java.io.InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
                bytes = readAll(in, file);
            }
        } catch (NoSuchFileException e) {
            return java.util.Optional.empty();
        } catch (IOException e) {
            throw new InvalidInputException(file, "cannot read derivation: " + e.getMessage());
        }
        return java.util.Optional.of(parse(file.toString(), drvPath, bytes));
    }

    /** Per reading thread: most .drv files fit, and are then read with one read call and one more for the end. */
    private static final ThreadLocal<byte[]> BUFFER = ThreadLocal.withInitial(() -> new byte[64 * 1024]);

    /**
     * The stream's bytes, at most {@link #MAX_BYTES} of them (a file may grow after its size was checked). Unlike
     * InputStream.readAllBytes, asks for no file length or position first: two system calls fewer per file, twenty
     * thousand fewer on a large closure.
     */
    private static byte[] readAll(java.io.InputStream in, Path file) throws IOException {
        byte[] buf = BUFFER.get();
        int n = 0;
        while (true) {
            if (n > MAX_BYTES) {
                throw new InvalidInputException(file, "cannot read derivation: larger than " + MAX_BYTES + " bytes");
            }
            if (n == buf.length) {
                buf = java.util.Arrays.copyOf(buf, Math.min(buf.length * 2, MAX_BYTES + 1));
                if (buf.length <= 1 << 20) {
                    BUFFER.set(buf); // larger ones are rare: not kept for the thread's lifetime
                }
            }
            int r = in.read(buf, n, buf.length - n);
            if (r < 0) {
                return java.util.Arrays.copyOf(buf, n);
            }
            n += r;
        }
    }

    public static Derivation parse(String source, String drvPath, byte[] bytes) {
        return new DerivationParser(source, bytes).derivation(drvPath);
    }

    private Derivation derivation(String drvPath) {
        boolean versioned;
        if (lookingAt("Derive(")) {
            pos += "Derive(".length();
            versioned = false;
        } else if (lookingAt("DrvWithVersion(")) {
            pos += "DrvWithVersion(".length();
            versioned = true;
        } else {
            throw error("expected 'Derive(' or 'DrvWithVersion('");
        }
        if (versioned) {
            string();
            expect(',');
        }
        SortedMap<String, DerivationOutput> outputs = new TreeMap<>();
        list(() -> {
            expect('(');
            String name = string();
            expect(',');
            String path = string();
            expect(',');
            String algo = string();
            expect(',');
            String hash = string();
            expect(')');
            if (!path.isEmpty()) {
                requireStorePath("output " + StrictJson.quote(name), path, false);
            }
            outputs.put(name, new DerivationOutput(name, path, algo, hash));
        });
        expect(',');
        SortedMap<String, SortedSet<String>> inputDrvs = new TreeMap<>();
        list(() -> {
            expect('(');
            String path = string();
            expect(',');
            SortedSet<String> outs = new TreeSet<>();
            if (peek() == '(') {
                // xp-dyn-drv: ([outputs],[dynamic outputs])
                expect('(');
                list(() -> outs.add(string()));
                expect(',');
                skipValue();
                expect(')');
            } else {
                list(() -> outs.add(string()));
                if (peek() == ',') {
                    expect(',');
                    skipValue();
                }
            }
            expect(')');
            inputDrvs.put(requireStorePath("input derivation", path, true), outs);
        });
        expect(',');
        SortedSet<String> inputSrcs = new TreeSet<>();
        list(() -> inputSrcs.add(requireStorePath("input source", string(), false)));
        expect(',');
        String system = string();
        expect(',');
        String builder = string();
        expect(',');
        List<String> args = new ArrayList<>();
        list(() -> args.add(string()));
        expect(',');
        // Checked here, read into strings only when asked for (DrvEnv).
        int envStart = pos;
        list(() -> {
            expect('(');
            skipString();
            expect(',');
            skipString();
            expect(')');
        });
        Map<String, String> env = new DrvEnv(in, envStart);
        expect(')');
        if (pos != in.length) {
            throw error("expected end of file after the derivation");
        }
        return new Derivation(drvPath, outputs, inputDrvs, inputSrcs, system, builder, args, env);
    }

    /** The environment list at {@code start} of {@code drv}, whose syntax {@link #parse} has checked. */
    static Map<String, String> env(byte[] drv, int start) {
        DerivationParser p = new DerivationParser("derivation", drv);
        p.pos = start;
        Map<String, String> env = new LinkedHashMap<>();
        p.list(() -> {
            p.expect('(');
            String k = p.string();
            p.expect(',');
            String v = p.string();
            p.expect(')');
            env.put(k, v);
        });
        return env;
    }

    /**
     * The value of {@code key} in the environment list at {@code start} of {@code drv} (the last one, as in
     * {@link #env}), or null; only that value becomes a string. Checked by {@link #parse} already.
     */
    static String envValue(byte[] drv, int start, String key) {
        DerivationParser p = new DerivationParser("derivation", drv);
        p.pos = start;
        byte[] wanted = key.getBytes(StandardCharsets.UTF_8);
        String[] found = new String[1];
        p.list(() -> {
            p.expect('(');
            boolean match = p.rawStringEquals(wanted) || (p.rawStringHasEscape() && key.equals(p.peekString()));
            p.skipString();
            p.expect(',');
            if (match) {
                found[0] = p.string();
            } else {
                p.skipString();
            }
            p.expect(')');
        });
        return found[0];
    }

    /** Whether the string at {@code pos} is exactly {@code raw}, byte for byte and without escapes. */
    private boolean rawStringEquals(byte[] raw) {
        int end = pos + 1 + raw.length;
        if (end >= in.length || in[pos] != '"' || in[end] != '"') {
            return false;
        }
        for (int i = 0; i < raw.length; i++) {
            if (in[pos + 1 + i] != raw[i] || raw[i] == '\\') {
                return false;
            }
        }
        return true;
    }

    /** Whether the string at {@code pos} holds an escape (then only decoding it says what it is). */
    private boolean rawStringHasEscape() {
        for (int i = pos + 1; i < in.length && in[i] != '"'; i++) {
            if (in[i] == '\\') {
                return true;
            }
        }
        return false;
    }

    /** The string at {@code pos}, decoded, leaving {@code pos} where it was. */
    private String peekString() {
        int at = pos;
        String s = string();
        pos = at;
        return s;
    }

    private void list(Runnable element) {
        expect('[');
        if (peek() == ']') {
            pos++;
            return;
        }
        while (true) {
            element.run();
            int c = next("',' or ']'");
            if (c == ']') {
                return;
            }
            if (c != ',') {
                pos--;
                throw error("expected ',' or ']'");
            }
        }
    }

    /**
     * Skips one string, list or tuple, for parts of newer formats ocisc does not use. Nesting is followed on a
     * stack of its own, not the thread's: a file can nest values as deep as it is long.
     */
    private void skipValue() {
        byte[] closers = new byte[16];
        int depth = 0;
        while (true) {
            int c = peek();
            if (c == '"') {
                skipString();
            } else if (c == '[' || c == '(') {
                byte close = (byte) (c == '[' ? ']' : ')');
                pos++;
                if (peek() != close) {
                    if (depth == closers.length) {
                        closers = java.util.Arrays.copyOf(closers, depth * 2);
                    }
                    closers[depth++] = close;
                    continue; // to the container's first element
                }
                pos++;
            } else {
                throw error("expected a string, list or tuple");
            }
            // After a value: close every container that ends here, then go on to the next element, if any.
            while (true) {
                if (depth == 0) {
                    return;
                }
                char close = (char) closers[depth - 1];
                int d = next("',' or '" + close + "'");
                if (d == close) {
                    depth--;
                } else if (d == ',') {
                    break;
                } else {
                    pos--;
                    throw error("expected ',' or '" + close + "'");
                }
            }
        }
    }

    /** Moves past one string, checking it as {@link #string} would, without making it. */
    private void skipString() {
        expect('"');
        while (true) {
            if (pos >= in.length) {
                throw error("unterminated string");
            }
            int c = in[pos++];
            if (c == '"') {
                return;
            }
            if (c == '\\') {
                if (pos >= in.length) {
                    throw error("unterminated escape");
                }
                pos++;
            }
        }
    }

    private String string() {
        expect('"');
        int start = pos;
        // Most strings have no escapes: take them straight from the bytes.
        for (int i = start; i < in.length; i++) {
            if (in[i] == '"') {
                pos = i + 1;
                return new String(in, start, i - start, StandardCharsets.UTF_8);
            }
            if (in[i] == '\\') {
                break;
            }
        }
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        while (true) {
            if (pos >= in.length) {
                throw error("unterminated string");
            }
            int c = in[pos++] & 0xff;
            if (c == '"') {
                return buf.toString(StandardCharsets.UTF_8);
            }
            if (c == '\\') {
                if (pos >= in.length) {
                    throw error("unterminated escape");
                }
                int e = in[pos++] & 0xff;
                switch (e) {
                    case 'n' -> buf.write('\n');
                    case 'r' -> buf.write('\r');
                    case 't' -> buf.write('\t');
                    default -> buf.write(e); // \" \\ and any other escaped byte stand for themselves
                }
            } else {
                buf.write(c);
            }
        }
    }

    /**
     * {@code path}, which the element just read holds, if it is a store path (a {@code .drv} when {@code drv}):
     * it will be looked up and read under the store root, so it must not lead anywhere else.
     */
    private String requireStorePath(String what, String path, boolean drv) {
        if (!StorePath.isStorePath(path) || (drv && !path.endsWith(".drv"))) {
            throw new InvalidInputException(source, "malformed derivation before byte " + pos + ": " + what + " "
                    + StrictJson.quote(path) + " is not a " + (drv ? ".drv " : "") + "store path");
        }
        return path;
    }

    private boolean lookingAt(String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        if (pos + b.length > in.length) {
            return false;
        }
        for (int i = 0; i < b.length; i++) {
            if (in[pos + i] != b[i]) {
                return false;
            }
        }
        return true;
    }

    private int peek() {
        return pos < in.length ? in[pos] & 0xff : -1;
    }

    private int next(String expected) {
        if (pos >= in.length) {
            throw error("unexpected end of file, expected " + expected);
        }
        return in[pos++] & 0xff;
    }

    private void expect(char c) {
        if (pos >= in.length) {
            throw error("unexpected end of file, expected '" + c + "'");
        }
        if (in[pos] != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private InvalidInputException error(String what) {
        String found = pos < in.length ? " but found '" + (char) (in[pos] & 0xff) + "'" : "";
        return new InvalidInputException(source, "malformed derivation at byte " + pos + ": " + what + found);
    }
}
