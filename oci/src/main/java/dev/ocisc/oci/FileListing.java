package dev.ocisc.oci;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Lists a layer's entries with the SHA-256 of every file, and separates whiteouts from real entries. */
public final class FileListing implements EntryHandler<LayerListing> {
    private final List<FileEntry> entries = new ArrayList<>();
    private final List<String> whiteouts = new ArrayList<>();
    private final List<String> opaque = new ArrayList<>();
    private final Map<String, String> fileHashes = new HashMap<>();
    private final MessageDigest md = Digest.newSha256();
    private TarEntry current;

    @Override
    public void entry(TarEntry e) {
        current = e;
        String name = e.fileName();
        if (Whiteout.isOpaque(name)) {
            opaque.add(e.parent());
            current = null;
        } else if (Whiteout.is(name)) {
            String parent = e.parent();
            String target = Whiteout.deleted(name);
            whiteouts.add(parent.isEmpty() ? target : parent + "/" + target);
            current = null;
        } else if (e.type() == EntryType.FILE) {
            md.reset();
        }
    }

    @Override
    public void data(byte[] buf, int off, int len) {
        md.update(buf, off, len);
    }

    @Override
    public void endEntry() {
        TarEntry e = current;
        if (e == null) {
            return;
        }
        String sha = null;
        long size = e.size();
        if (e.type() == EntryType.FILE) {
            sha = HexFormat.of().formatHex(md.digest());
            fileHashes.put(e.path(), sha);
        } else if (e.type() == EntryType.HARDLINK) {
            sha = fileHashes.get(e.linkTarget());
            fileHashes.put(e.path(), sha);
        }
        entries.add(new FileEntry(e.path(), e.type(), e.mode(), size, e.linkTarget(), sha, -1));
    }

    /** The hex SHA-256 of a file (or hard link to one) listed so far, or null. */
    public String sha256Of(String path) {
        return fileHashes.get(path);
    }

    @Override
    public LayerListing finish() {
        return new LayerListing(entries, whiteouts, opaque);
    }
}
