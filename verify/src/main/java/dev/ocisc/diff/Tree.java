package dev.ocisc.diff;

import dev.ocisc.oci.CompressionHeader;
import java.util.List;

/**
 * Everything read from one side of a diff.
 *
 * @param source      the path given
 * @param kind        {@code directory}, {@code tar}, {@code file} or {@code nix-store-path}
 * @param ordered     true when the entry order is a property of the artifact (tar), false when it was sorted
 * @param entries     in source order
 * @param encoding    tar encoding facts, null unless kind is tar
 * @param compression the compression around the tar or file
 * @param digest      SHA-256 of the bytes as stored (null for directories)
 * @param contentDigest SHA-256 after decompression: for a layer tar this is its DiffID (null for directories)
 * @param duplicates  paths that occur more than once in a tar (the last one wins, as extraction does)
 */
public record Tree(String source, String kind, boolean ordered, List<Entry> entries, TarEncoding encoding,
        CompressionHeader compression, String digest, String contentDigest, List<String> duplicates) {

    public Tree {
        entries = List.copyOf(entries);
        duplicates = List.copyOf(duplicates);
    }
}
