package dev.ocisc.diff;

/**
 * One difference: a field with its value on each side.
 *
 * @param drift  the class it belongs to
 * @param path   the entry path, or a JSON path for image documents, or "" for the archive as a whole
 * @param field  what differs ({@code mtime}, {@code mode}, {@code gzip.MTIME}, {@code order}, ...)
 * @param a      the value in A ("" when absent)
 * @param b      the value in B
 * @param note   a short explanation, or ""
 */
public record Finding(DriftClass drift, String path, String field, String a, String b, String note) {
    public Finding {
        a = a == null ? "" : a;
        b = b == null ? "" : b;
        note = note == null ? "" : note;
    }
}
