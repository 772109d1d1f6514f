package dev.ocisc.catalog;

import java.util.List;

/**
 * Finds the packages of one ecosystem's source of truth (Go build info in binaries, Go's vendor/modules.txt, and
 * later dist-info, node_modules, pom.properties, Cargo data): one implementation per source. Files are pushed
 * through as they are read, once, whether from a layer's tar stream or from a store path on disk, so a cataloger
 * never seeks and keeps only what it needs, under its own caps.
 */
public interface LanguageCataloger {
    /**
     * A scan of the file at {@code path} (relative, no leading {@code /}) of {@code size} bytes and permission
     * bits {@code mode}, or null when its name, size and mode rule it out; the scan may still find nothing once
     * it sees the bytes.
     */
    FileScan open(String path, long size, int mode);

    /** The reading of one file. */
    interface FileScan {
        /** The next bytes of the file; {@code buf} is reused after the call returns. */
        void data(byte[] buf, int off, int len);

        /**
         * Whether more bytes can still change the result: false once the file is known not to concern this
         * cataloger, so that a reader from disk can stop.
         */
        boolean wantsMore();

        /** The packages found, without evidence or container yet: the caller knows the file. */
        Found finish();
    }

    /** What a file yielded: packages, and warnings naming the file when it could not be read as it claims. */
    record Found(List<LanguagePackage> packages, List<String> warnings) {
        public static final Found NONE = new Found(List.of(), List.of());

        public Found {
            packages = List.copyOf(packages);
            warnings = List.copyOf(warnings);
        }
    }
}
