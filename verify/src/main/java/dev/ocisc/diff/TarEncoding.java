package dev.ocisc.diff;

import java.util.List;

/**
 * How a tar archive was written, as opposed to what it holds. Two archives with the same entries can differ in
 * every one of these and so in their digest.
 *
 * @param format          {@code ustar}, {@code gnu}, {@code pax} (ustar with PAX headers), {@code v7}; or
 *                        {@code mixed:...} when entries disagree
 * @param longNameMethods the long-name methods used, sorted ({@code gnu-longlink}, {@code pax-path},
 *                        {@code ustar-prefix}); empty when no name needed one
 * @param namePrefix      {@code ./}, {@code /}, {@code none} or {@code mixed}
 * @param dirTrailingSlash {@code yes}, {@code no}, {@code mixed} or {@code n/a} (no directories)
 * @param rootEntry       whether an entry for the root ({@code ./} or {@code /}) is present
 * @param globalPax       whether a PAX global header is present
 * @param endMarker       zero blocks found after the last entry: 2 is the standard end-of-archive marker, 0
 *                        means it is missing
 * @param trailingBytes   bytes after the last entry's data (end marker and padding); GNU tar pads to 10240
 * @param totalBytes      size of the uncompressed tar
 */
public record TarEncoding(String format, List<String> longNameMethods, String namePrefix, String dirTrailingSlash,
        boolean rootEntry, boolean globalPax, int endMarker, long trailingBytes, long totalBytes) {

    public TarEncoding {
        longNameMethods = List.copyOf(longNameMethods);
    }
}
