package dev.ocisc.oci;

/**
 * Receives a layer's entries as they stream past, each followed by its content in chunks. Push rather than pull,
 * so that several handlers (file hashes, package databases, NAR hashing) share one read of the bytes. A handler
 * overrides the events it heeds; the others pass.
 *
 * @param <T> what the handler makes of the layer
 */
public interface EntryHandler<T> {
    default void entry(TarEntry entry) {
    }

    /** Content of the current entry (regular files only); {@code buf} is reused after the call returns. */
    default void data(byte[] buf, int off, int len) {
    }

    /** The current entry's content is complete. */
    default void endEntry() {
    }

    /** Called once after the last entry. */
    T finish();
}
