package dev.ocisc.diff;

import dev.ocisc.oci.Digest;
import dev.ocisc.oci.EntryType;
import dev.ocisc.oci.TarEnd;
import dev.ocisc.oci.TarEntries;
import dev.ocisc.oci.TarHeader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns a tar into the entries a diff compares and the facts about how it was written ({@link TarEncoding}), by
 * the one tar reader of ocisc ({@link TarEntries}), so that a diff refuses what every other command refuses.
 * Nothing is extracted; link targets are kept as text.
 */
final class TarParser {
    private final TarEntries tar;
    private final ContentCapture capture;
    private final byte[] buf = new byte[64 * 1024];

    TarParser(TarEntries tar, ContentCapture capture) {
        this.tar = tar;
        this.capture = capture;
    }

    record Result(List<Entry> entries, TarEncoding encoding) {
    }

    Result parse() throws IOException {
        List<Entry> entries = new ArrayList<>();
        Set<String> formats = new TreeSet<>();
        Set<String> methods = new TreeSet<>();
        Set<String> prefixes = new LinkedHashSet<>();
        Set<String> slashes = new TreeSet<>();
        boolean root = false;
        TarHeader h;
        while ((h = tar.next()) != null) {
            if (!h.nameMethod().equals("plain")) {
                methods.add(h.nameMethod());
            }
            formats.add(h.format());
            String raw = h.name();
            String path = h.path().isEmpty() ? "." : h.path();
            root |= path.equals(".");
            prefixes.add(raw.startsWith("./") || raw.equals(".") ? "./" : raw.startsWith("/") ? "/" : "none");
            EntryType type = h.type();
            if (type == EntryType.DIRECTORY && !path.equals(".")) {
                slashes.add(raw.endsWith("/") ? "yes" : "no");
            }
            String sha = type == EntryType.FILE ? readContent(path, h.size()) : null;
            entries.add(new Entry(path, raw, h.nameMethod(), type, h.mode(), h.uid(), h.gid(), h.uname(), h.gname(),
                    h.mtime(), h.mtimeNanos(), h.size(), sha, h.linkTarget(), h.records(), h.devMajor(),
                    h.devMinor(), entries.size()));
            if (capture.done()) {
                // a second, capturing read: the bytes it wanted are in; how the tar ends was read the first time
                return finish(entries, formats, methods, prefixes, slashes, root, new TarEnd(0, 0, 0, false));
            }
        }
        return finish(entries, formats, methods, prefixes, slashes, root, tar.end());
    }

    private Result finish(List<Entry> entries, Set<String> formats, Set<String> methods, Set<String> prefixes,
            Set<String> slashes, boolean root, TarEnd end) {
        // ustar entries inside a PAX archive are PAX entries that needed no extended header.
        Set<String> f = new TreeSet<>(formats);
        if (f.contains("pax")) {
            f.remove("ustar");
        }
        String format = f.isEmpty() ? "empty" : f.size() == 1 ? f.iterator().next() : "mixed:" + String.join("+", f);
        // A second archive appended after the end marker: tar -x ignores it, so do we, but say so.
        if (end.dataAfterEnd()) {
            format += "+data-after-end";
        }
        String prefix = prefixes.isEmpty() ? "none" : prefixes.size() == 1 ? prefixes.iterator().next() : "mixed";
        String slash = slashes.isEmpty() ? "n/a" : slashes.size() == 1 ? slashes.iterator().next() : "mixed";
        return new Result(entries, new TarEncoding(format, List.copyOf(methods), prefix, slash, root,
                tar.globalPax(), end.endMarker(), end.trailingBytes(), end.totalBytes()));
    }

    private String readContent(String path, long size) throws IOException {
        MessageDigest md = Digest.newSha256();
        boolean keep = capture.wants(path);
        ByteArrayOutputStream kept = keep ? new ByteArrayOutputStream() : null;
        int n;
        while ((n = tar.read(buf, 0, buf.length)) > 0) {
            md.update(buf, 0, n);
            if (keep && kept.size() < capture.maxBytes()) {
                kept.write(buf, 0, Math.min(n, capture.maxBytes() - kept.size()));
            }
        }
        if (keep) {
            capture.put(path, kept.toByteArray(), size);
        }
        return Digest.sha256(md.digest()).hex();
    }
}
