package dev.ocisc.diff;

/**
 * What the differing bytes of one file look like.
 *
 * @param kind   {@code unified} (small text), {@code hex} (binary, a window around the first difference) or
 *               {@code sizes} (too large to show)
 * @param text   the diff or hex window, "" for sizes
 * @param firstDifference byte offset of the first difference, -1 when not known
 */
public record ContentDiff(String path, String kind, String text, long sizeA, long sizeB, long firstDifference) {
}
