package dev.ocisc.oci;

import java.util.Locale;

/**
 * What an entry of a tar or a file tree is. Devices and FIFOs are told apart ({@code diff} reports a change
 * between them); sockets and unknown tar types are OTHER.
 */
public enum EntryType {
    FILE, DIRECTORY, SYMLINK, HARDLINK, CHAR_DEVICE, BLOCK_DEVICE, FIFO, OTHER;

    /** The name reports use: {@code file}, {@code char-device}, ... */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
