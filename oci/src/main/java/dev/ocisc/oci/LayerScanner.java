package dev.ocisc.oci;


/** Makes one handler per layer; layers may be read in parallel, so handlers must not share mutable state. */
@FunctionalInterface
public interface LayerScanner<T> {
    EntryHandler<T> newHandler();
}
