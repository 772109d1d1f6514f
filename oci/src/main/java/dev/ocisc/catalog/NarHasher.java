package dev.ocisc.catalog;

import dev.ocisc.oci.Digest;
import dev.ocisc.oci.EntryType;
import dev.ocisc.oci.TarEntry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;

/**
 * Computes the NAR hash of one store path ({@code nix-store --dump | sha256sum}) from its tar entries as they
 * stream past. NAR lists a directory's entries sorted by name, depth first; writers of Nix images (dockerTools'
 * sorted walk, Go's filepath.Walk, GNU tar --sort=name) emit that order, so no content is ever buffered. Any
 * other order, a hard link, or a device file makes the hash unavailable (reported, never guessed).
 */
final class NarHasher {
    private record Dir(String path, String lastChild) {
    }

    private final String storePath; // relative, nix/store/<base>
    private final MessageDigest md = Digest.newSha256();
    private final RefScanner refs;
    private final Deque<Dir> stack = new ArrayDeque<>();
    private final byte[] num = new byte[8];
    private long size;
    private boolean started;
    private String problem;
    private boolean inFile;
    private long fileSize;

    NarHasher(String storePath, long maxCandidates) {
        this.storePath = storePath;
        this.refs = new RefScanner(maxCandidates);
    }

    void entry(TarEntry e) {
        String rel = e.path().equals(storePath) ? "" : e.path().substring(storePath.length() + 1);
        refs.scan(e.fileName());
        if (e.type() == EntryType.SYMLINK && e.linkTarget() != null) {
            refs.scan(e.linkTarget());
        }
        refs.reset();
        if (problem != null) {
            return;
        }
        if (rel.isEmpty()) {
            if (started) {
                fail("the store path appears twice");
                return;
            }
            started = true;
            str("nix-archive-1");
        } else {
            if (!started) {
                fail("entries come before the store path itself (tar order is not NAR order)");
                return;
            }
            int slash = rel.lastIndexOf('/');
            String parent = slash < 0 ? "" : rel.substring(0, slash);
            String name = slash < 0 ? rel : rel.substring(slash + 1);
            while (!stack.isEmpty() && !stack.peek().path().equals(parent)) {
                closeDir(stack.pop());
            }
            if (stack.isEmpty()) {
                fail("'" + rel + "' is not under the directory being written (tar order is not NAR order)");
                return;
            }
            Dir top = stack.pop();
            if (top.lastChild() != null && compare(name, top.lastChild()) <= 0) {
                fail("'" + rel + "' comes after '" + top.lastChild() + "' (tar order is not NAR order)");
                return;
            }
            stack.push(new Dir(top.path(), name));
            str("entry");
            str("(");
            str("name");
            str(name);
            str("node");
        }
        switch (e.type()) {
            case DIRECTORY -> {
                str("(");
                str("type");
                str("directory");
                stack.push(new Dir(rel, null));
            }
            case FILE -> {
                str("(");
                str("type");
                str("regular");
                if (e.executable()) {
                    str("executable");
                    str("");
                }
                str("contents");
                u64(e.size());
                inFile = true;
                fileSize = e.size();
            }
            case SYMLINK -> {
                str("(");
                str("type");
                str("symlink");
                str("target");
                str(e.linkTarget());
                str(")");
                if (!rel.isEmpty()) {
                    str(")");
                }
            }
            default -> fail("'" + e.path() + "' is a " + e.type().label()
                    + ", which this reader does not put into a NAR");
        }
    }

    void data(byte[] b, int off, int len) {
        refs.scan(b, off, len);
        if (problem == null && inFile) {
            md.update(b, off, len);
            size += len;
        }
    }

    void endEntry(TarEntry e) {
        refs.reset();
        if (problem == null && inFile) {
            pad(fileSize);
            str(")");
            if (!e.path().equals(storePath)) {
                str(")");
            }
        }
        inFile = false;
    }

    StorePathScan finish() {
        if (problem == null) {
            while (!stack.isEmpty()) {
                closeDir(stack.pop());
            }
        }
        String hash = problem == null && started ? HexFormat.of().formatHex(md.digest()) : null;
        String why = problem != null ? problem : started ? null : "the store path itself is not in the layer";
        return new StorePathScan("/" + storePath, hash, hash == null ? -1 : size, why, refs.candidates(),
                refs.overflowed());
    }

    private void closeDir(Dir d) {
        str(")");
        if (!d.path().isEmpty()) {
            str(")");
        }
    }

    private void fail(String why) {
        if (problem == null) {
            problem = why;
        }
    }

    private static int compare(String a, String b) {
        return java.util.Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private void str(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        u64(b.length);
        md.update(b);
        size += b.length;
        pad(b.length);
    }

    private void u64(long v) {
        for (int i = 0; i < 8; i++) {
            num[i] = (byte) (v >>> (8 * i));
        }
        md.update(num);
        size += 8;
    }

    private void pad(long len) {
        int p = (int) ((8 - (len % 8)) % 8);
        if (p > 0) {
            md.update(new byte[p]);
            size += p;
        }
    }
}
