package dev.ocisc.diff;

import dev.ocisc.failure.UsageException;
import java.util.Locale;

/**
 * The kinds of drift, each with its likely cause and the usual fix. The ids are what {@code --ignore} takes
 * and what the JSON report prints; they are part of the stable schema (docs/diff-json.md).
 */
public enum DriftClass {
    FILES("files", "entries added or removed",
            "the build produced a different set of files (a leaked build artifact, a conditional step)",
            "compare the build logs; remove stray files (e.g. buildah's etc/hostname, etc/hosts, etc/resolv.conf)"),
    CONTENT("content", "file content differs",
            "non-deterministic output of a build step", "inspect the differing bytes below"),
    EMBEDDED_TIME("embedded-time", "a date or time embedded in content",
            "a tool wrote the wall-clock time into the file",
            "make the tool honour SOURCE_DATE_EPOCH, or pass a fixed date"),
    RANDOMNESS("randomness", "random-looking bytes embedded in content",
            "a random value (temporary name, UUID, seed, hash-map order) reached the output",
            "fix the seed (e.g. -frandom-seed), derive identifiers from the input, sort before writing"),
    BUILD_PATH("build-path", "the build directory embedded in content",
            "the output records where it was built", "build in a fixed path, or use -ffile-prefix-map/-fdebug-prefix-map"),
    HOSTNAME("hostname", "the host name embedded in content",
            "the output records the machine it was built on", "do not record the host name, or fix it in the build"),
    TIMESTAMPS("timestamps", "file modification times differ",
            "files carry the time they were written",
            "clamp mtimes to SOURCE_DATE_EPOCH (tar --mtime=@$SOURCE_DATE_EPOCH --clamp-mtime)"),
    PERMISSIONS("permissions", "file modes differ",
            "a different umask, or a chmod missing from the build",
            "set umask 022 in the build, or normalise modes when packing (tar --mode=a+rX,go-w)"),
    OWNERSHIP("ownership", "owner or group differs",
            "the archive records the building user", "tar --owner=0 --group=0 --numeric-owner"),
    METADATA("metadata", "extended attributes, PAX records or device numbers differ",
            "the writer copied xattrs or atime/ctime from the build file system",
            "tar --no-xattrs, or --pax-option=delete=atime,delete=ctime"),
    ORDER("order", "entries in a different order",
            "the archive follows directory read order, which depends on the file system",
            "sort entries by name (tar --sort=name)"),
    ENCODING("encoding", "the same entries written with a different tar encoding",
            "a different tar writer or format option (ustar, gnu, pax; ./ prefix; padding; end marker)",
            "use one writer with fixed options for every build (e.g. tar --format=gnu)"),
    COMPRESSION("compression", "only the compression differs (same uncompressed content)",
            "a different compressor, level, or header fields (gzip MTIME/FNAME without -n)",
            "gzip -n with a fixed level, or zstd with fixed level and threads; compare DiffIDs, not blob digests"),
    CREATED("created", "image creation times differ",
            "the image builder records the wall-clock time", "set created from SOURCE_DATE_EPOCH"),
    HISTORY("history", "image history differs",
            "history records commands, comments or times of the build", "fix history entries or strip them"),
    JSON("json", "the same JSON data serialized differently",
            "key order, whitespace or a trailing newline changed", "serialize with one canonical writer"),
    CONFIG("config", "image configuration differs",
            "environment, entrypoint, labels or other config fields changed", "compare the build inputs"),
    MANIFEST("manifest", "manifest or index differs",
            "annotations, media types or descriptors changed", "see the listed fields"),
    LAYERS("layers", "the layer structure differs",
            "layers were split or merged differently", "fix the layering (e.g. maxLayers) between builds");

    private final String id;
    private final String title;
    private final String cause;
    private final String fix;

    DriftClass(String id, String title, String cause, String fix) {
        this.id = id;
        this.title = title;
        this.cause = cause;
        this.fix = fix;
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    public String cause() {
        return cause;
    }

    public String fix() {
        return fix;
    }

    /** The class a user named by its id or constant name ({@code --ignore}); anything else is a usage error. */
    public static DriftClass byId(String id) {
        String want = id.trim().toLowerCase(Locale.ROOT);
        for (DriftClass c : values()) {
            if (c.id.equals(want) || c.name().toLowerCase(Locale.ROOT).equals(want)) {
                return c;
            }
        }
        throw new UsageException("unknown drift class '" + id + "' (known: " + ids() + ")");
    }

    public static String ids() {
        StringBuilder sb = new StringBuilder();
        for (DriftClass c : values()) {
            sb.append(sb.length() == 0 ? "" : ",").append(c.id);
        }
        return sb.toString();
    }
}
