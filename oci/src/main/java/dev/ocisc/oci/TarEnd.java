package dev.ocisc.oci;

/**
 * How a tar ended.
 *
 * @param endMarker     zero blocks after the last entry, at most 2 (the standard end); 0 when missing
 * @param trailingBytes bytes after the last entry's data (end marker and padding)
 * @param totalBytes    bytes of the whole tar
 * @param dataAfterEnd  whether anything but zeros follows the end marker
 */
public record TarEnd(int endMarker, long trailingBytes, long totalBytes, boolean dataAfterEnd) {
}
