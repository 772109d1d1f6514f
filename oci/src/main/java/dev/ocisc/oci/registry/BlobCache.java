package dev.ocisc.oci.registry;

import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.oci.Digest;
import dev.ocisc.oci.ReadingFilter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Blobs fetched from registries, kept by digest ({@code DIR/sha256/HEX}) so that images sharing layers download
 * them once. An entry is written to a temporary file beside it and renamed into place only once its bytes were
 * hashed to its name and counted to the size the registry announced: a reader (another ocisc, say) sees a whole,
 * verified file or none, and two runs fetching one blob each rename an identical file. Entries are trusted by
 * design, not by their name: every read hashes the bytes again as they pass (one more SHA-256 next to the
 * decompression that dominates), and an entry that no longer matches is deleted and reported. Over the size cap the
 * least recently used entries (by modification time, touched on every hit) are deleted.
 */
final class BlobCache {
    static final long DEFAULT_MAX_BYTES = 10L << 30;
    private static final long STALE_PART_MILLIS = 3_600_000L;

    private final Path dir;
    private final long maxBytes;

    BlobCache(Path dir, long maxBytes) {
        this.dir = dir;
        this.maxBytes = maxBytes;
    }

    /**
     * The cache the environment asks for: none when {@code OCISC_NO_CACHE} is set (what {@code --no-cache} does),
     * else {@code $XDG_CACHE_HOME/ocisc/blobs} or {@code $HOME/.cache/ocisc/blobs}, capped at
     * {@code OCISC_CACHE_MAX} (bytes, or with a K, M, G or T suffix; default 10G).
     */
    static Optional<BlobCache> of(Map<String, String> env) {
        String off = env.get("OCISC_NO_CACHE");
        if (off != null && !off.isEmpty() && !off.equals("0")) {
            return Optional.empty();
        }
        Path base;
        if (env.get("XDG_CACHE_HOME") != null && !env.get("XDG_CACHE_HOME").isEmpty()) {
            base = Path.of(env.get("XDG_CACHE_HOME"));
        } else if (env.get("HOME") != null && !env.get("HOME").isEmpty()) {
            base = Path.of(env.get("HOME"), ".cache");
        } else {
            return Optional.empty();
        }
        String max = env.get("OCISC_CACHE_MAX");
        return Optional.of(new BlobCache(base.resolve("ocisc").resolve("blobs"),
                max == null || max.isEmpty() ? DEFAULT_MAX_BYTES : parseSize(max)));
    }

    static long parseSize(String s) {
        String t = s.trim().toUpperCase(Locale.ROOT).replaceFirst("I?B$", "");
        int shift = switch (t.isEmpty() ? ' ' : t.charAt(t.length() - 1)) {
            case 'K' -> 10;
            case 'M' -> 20;
            case 'G' -> 30;
            case 'T' -> 40;
            default -> 0;
        };
        String digits = shift == 0 ? t : t.substring(0, t.length() - 1);
        if (!digits.matches("[0-9]{1,12}")) {
            throw new InvalidInputException("OCISC_CACHE_MAX", "not a size (bytes, or a number with K, M, G or T): "
                    + s);
        }
        return Long.parseLong(digits) << shift;
    }

    Path directory() {
        return dir;
    }

    private Path entry(Digest d) {
        return dir.resolve(d.algorithm()).resolve(d.hex());
    }

    /**
     * The cached bytes of {@code d}, checked against it as they are read, or null when they are not cached; a hit
     * counts as a use for eviction.
     */
    InputStream open(Digest d, String what) {
        Path file = entry(d);
        InputStream in;
        try {
            in = Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            return null; // an unreadable cache is no cache: the registry has the blob
        }
        try {
            Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis()));
        } catch (IOException e) {
            // another run evicted it meanwhile: the open stream still reads it
        }
        return new Checked(in, d, -1, what, null, file, null);
    }

    /**
     * {@code fetched} as it is read, copied into the cache: the entry appears only if the whole stream was read and
     * it is {@code d} and {@code size} bytes. Blobs larger than the cap, or a cache that cannot be written, pass
     * through uncached.
     */
    InputStream store(Digest d, long size, InputStream fetched, String what) {
        if (size > maxBytes) {
            return fetched;
        }
        try {
            Path parent = Files.createDirectories(entry(d).getParent());
            Path part = Files.createTempFile(parent, "." + d.hex() + "-", ".part");
            return new Checked(fetched, d, size, what, part, entry(d), Files.newOutputStream(part));
        } catch (IOException e) {
            return fetched;
        }
    }

    /** Deletes the least recently used entries until the cache is within its cap, and partial files left behind. */
    void evict() {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir, 2)) {
            walk.filter(Files::isRegularFile).forEach(files::add);
        } catch (IOException e) {
            return;
        }
        long now = System.currentTimeMillis();
        record Entry(Path path, long size, long used) {
        }
        List<Entry> entries = new ArrayList<>();
        long total = 0;
        for (Path f : files) {
            try {
                long used = Files.getLastModifiedTime(f).toMillis();
                if (f.getFileName().toString().endsWith(".part")) {
                    if (now - used > STALE_PART_MILLIS) {
                        Files.deleteIfExists(f);
                    }
                    continue;
                }
                long size = Files.size(f);
                entries.add(new Entry(f, size, used));
                total += size;
            } catch (IOException e) {
                // gone meanwhile: another run evicted it
            }
        }
        entries.sort(Comparator.comparingLong(Entry::used).thenComparing(e -> e.path().toString()));
        for (Entry e : entries) {
            if (total <= maxBytes) {
                break;
            }
            try {
                Files.deleteIfExists(e.path());
            } catch (IOException x) {
                continue;
            }
            total -= e.size();
        }
    }

    /**
     * Hashes and counts the bytes that pass; at their end checks them against the digest (and size). Writing, it
     * copies them to {@code part} and renames that to {@code entry} when they match; reading a cached entry that
     * does not match, it deletes the entry and fails.
     */
    private final class Checked extends ReadingFilter {
        private final Digest digest;
        private final long size;
        private final String what;
        private final Path part;
        private final Path entry;
        private final MessageDigest md;
        private OutputStream copy;
        private long count;
        private boolean ended;
        private final byte[] one = new byte[1];

        Checked(InputStream in, Digest digest, long size, String what, Path part, Path entry, OutputStream copy) {
            super(in);
            this.digest = digest;
            this.size = size;
            this.what = what;
            this.part = part;
            this.entry = entry;
            this.md = digest.newHasher();
            this.copy = copy;
        }

        @Override
        public int read() throws IOException {
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                md.update(b, off, n);
                count += n;
                if (copy != null) {
                    try {
                        copy.write(b, off, n);
                    } catch (IOException e) {
                        abandon(); // a full disk stops the caching, not the read
                    }
                }
            } else if (n < 0 && !ended) {
                ended = true;
                end();
            }
            return n;
        }

        private void end() throws IOException {
            Digest got = new Digest(digest.algorithm(), java.util.HexFormat.of().formatHex(md.digest()));
            boolean whole = got.equals(digest) && (size < 0 || count == size);
            if (part == null) {
                if (!whole) {
                    Files.deleteIfExists(entry);
                    throw new InvalidInputException(what, "the cached copy " + entry + " is not " + digest
                            + "; deleted it, run again");
                }
                return;
            }
            if (copy == null) {
                return;
            }
            copy.close();
            copy = null;
            if (!whole) {
                Files.deleteIfExists(part); // the reader reports the mismatch; nothing is kept
                return;
            }
            try {
                Files.move(part, entry, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.deleteIfExists(part);
                return;
            }
            evict();
        }

        private void abandon() {
            try {
                if (copy != null) {
                    copy.close();
                }
                Files.deleteIfExists(part);
            } catch (IOException e) {
                // a temporary file left behind is deleted by a later eviction
            }
            copy = null;
        }

        @Override
        public void close() throws IOException {
            try {
                in.close();
            } finally {
                if (copy != null) {
                    abandon(); // closed before its end: not known to be whole
                }
            }
        }
    }
}
