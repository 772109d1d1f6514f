package dev.ocisc.catalog;

import dev.ocisc.failure.InvalidInputException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Go modules from a vendor directory's {@code modules.txt}, read as the go command reads it
 * ({@code cmd/go/internal/modload/vendor.go}): {@code # path version [=> replacement [version]]} starts a module,
 * {@code ## explicit[; go 1.x]} annotates it, and each package line under it puts it in the build. A module
 * without packages (a replacement listed for the record) is not in the build, so it is not listed; lines Go
 * ignores are ignored. Found in {@code vendor/modules.txt} and at the root of a store path, where buildGoModule's
 * {@code NAME-go-modules} derivation puts the vendor directory's contents.
 */
public final class GoVendorCataloger implements LanguageCataloger {
    /** Larger files are refused (exit 3): Kubernetes' has about 100 KB. */
    static final long MAX_BYTES = 16L << 20;
    static final int MAX_MODULES = 100_000;

    @Override
    public FileScan open(String path, long size, int mode) {
        boolean vendor = path.equals("vendor/modules.txt") || path.endsWith("/vendor/modules.txt");
        String sp = CatalogHandler.storePathOf(path);
        boolean storeRoot = sp != null && path.equals(sp + "/modules.txt");
        if (!vendor && !storeRoot) {
            return null;
        }
        if (size > MAX_BYTES) {
            throw new InvalidInputException("/" + path, "is " + size + " bytes, above the " + MAX_BYTES
                    + "-byte limit for vendor/modules.txt");
        }
        return new Scan(path, (int) size);
    }

    private static final class Scan implements FileScan {
        private final String path;
        private final ByteArrayOutputStream bytes;

        Scan(String path, int size) {
            this.path = path;
            this.bytes = new ByteArrayOutputStream(size);
        }

        @Override
        public void data(byte[] buf, int off, int len) {
            if (bytes.size() + (long) len > MAX_BYTES) {
                throw new InvalidInputException("/" + path, "holds more than " + MAX_BYTES + " bytes (limit)");
            }
            bytes.write(buf, off, len);
        }

        @Override
        public boolean wantsMore() {
            return true;
        }

        @Override
        public Found finish() {
            return new Found(parse(bytes.toString(StandardCharsets.UTF_8), "/" + path), List.of());
        }
    }

    /** The modules of the build, in the file's order. */
    static List<LanguagePackage> parse(String text, String file) {
        Map<String, GoModule> modules = new LinkedHashMap<>(); // "path version" -> module with its replacement
        Map<String, String> goVersions = new TreeMap<>();
        Map<String, Boolean> explicit = new TreeMap<>();
        java.util.Set<String> inBuild = new java.util.LinkedHashSet<>();
        String current = null;
        int pos = 0;
        while (pos < text.length()) {
            int nl = text.indexOf('\n', pos);
            String line = text.substring(pos, nl < 0 ? text.length() : nl);
            pos = nl < 0 ? text.length() : nl + 1;
            if (line.startsWith("# ")) {
                String[] f = line.trim().split("\\s+");
                current = null;
                if (f.length < 3) {
                    continue;
                }
                GoModule m;
                int rest;
                if (GoModule.isSemver(f[2])) {
                    m = new GoModule(f[1], f[2], "", null);
                    rest = 3;
                } else if (f[2].equals("=>")) {
                    m = new GoModule(f[1], "", "", null); // a wildcard replacement: provides no packages itself
                    rest = 2;
                } else {
                    continue;
                }
                if (!GoModule.isWellFormed(m.path(), m.version())) {
                    continue; // the go command ignores a module line it cannot read, and so does this
                }
                if (f.length - rest == 2 && f[rest].equals("=>")) {
                    m = m.replacedBy(new GoModule(f[rest + 1], "", "", null));
                } else if (f.length - rest == 3 && f[rest].equals("=>") && GoModule.isSemver(f[rest + 2])
                        && GoModule.isWellFormed(f[rest + 1], f[rest + 2])) {
                    m = m.replacedBy(new GoModule(f[rest + 1], f[rest + 2], "", null));
                }
                current = m.path() + " " + m.version();
                GoModule before = modules.get(current);
                if (before == null || m.replacement() != null) {
                    if (before == null && modules.size() >= MAX_MODULES) {
                        throw new InvalidInputException(file, "lists more than " + MAX_MODULES + " modules (limit)");
                    }
                    modules.put(current, m);
                }
                continue;
            }
            if (current == null) {
                continue;
            }
            if (line.startsWith("## ")) {
                for (String entry : line.substring(3).split(";")) {
                    String e = entry.strip();
                    if (e.equals("explicit")) {
                        explicit.put(current, true);
                    } else if (e.startsWith("go ")) {
                        goVersions.put(current, e.substring(3).strip());
                    }
                }
                continue;
            }
            String[] f = line.trim().split("\\s+");
            if (f.length == 1 && !f[0].isEmpty() && !modules.get(current).version().isEmpty()
) {
                inBuild.add(current);
            }
        }
        List<LanguagePackage> out = new ArrayList<>();
        for (String key : inBuild) {
            LanguagePackage p = modules.get(key).toPackage(false);
            TreeMap<String, String> props = new TreeMap<>(p.properties());
            if (explicit.getOrDefault(key, false)) {
                props.put("golang:explicit", "true");
            }
            if (goVersions.containsKey(key)) {
                props.put("golang:go", goVersions.get(key));
            }
            out.add(new LanguagePackage(p.ecosystem(), p.namespace(), p.name(), p.version(), p.recordedHash(),
                    false, null, null, props));
        }
        return out;
    }
}
