package dev.ocisc.oci;

import dev.ocisc.oci.tar.TarHeaders;
import dev.ocisc.oci.tar.TarReader;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A tar read entry by entry, each entry as its header wrote it ({@link TarHeader}: name method, format, PAX
 * records, raw name) and how the tar ended ({@link TarEnd}), under the rules every command of ocisc applies:
 * checksums match, names and hard links stay inside the root, header records and entry counts are capped.
 */
public final class TarEntries {
    private static final int BLOCK = 512;

    private final TarReader tar;

    private TarEntries(TarReader tar) {
        this.tar = tar;
    }

    /** A layer: a path twice (directories excepted) is refused, as for every command. */
    public static TarEntries layer(InputStream in, String source, Limits limits) {
        return new TarEntries(new TarReader(in, source, limits, TarReader.Kind.LAYER));
    }

    /** Any tar: a path twice is read (what the last one does is the reader's business). */
    public static TarEntries tar(InputStream in, String source, Limits limits) {
        return new TarEntries(new TarReader(in, source, limits, TarReader.Kind.TAR));
    }

    /**
     * Whether {@code in} starts with a tar header block (not the end marker) whose checksum matches: the bytes are a
     * tar. Nothing is consumed.
     */
    public static boolean startsWithHeader(BufferedInputStream in) throws IOException {
        in.mark(BLOCK);
        byte[] block = in.readNBytes(BLOCK);
        in.reset();
        return TarHeaders.isHeader(block, block.length);
    }

    /** The next entry, or null at the end; what was left of the previous entry's content is skipped. */
    public TarHeader next() throws IOException {
        return tar.next();
    }

    /** Content of the current entry, if it is a regular file; -1 at its end. */
    public int read(byte[] b, int off, int len) throws IOException {
        return tar.read(b, off, len);
    }

    /** After {@link #next} returned null: reads what follows the end marker and says how the tar ended. */
    public TarEnd end() throws IOException {
        return tar.end();
    }

    /** Whether a PAX global header was seen. */
    public boolean globalPax() {
        return tar.globalPax();
    }
}
