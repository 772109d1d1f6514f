package dev.ocisc.oci.tar;

/** What a tar entry is; devices, fifos and sockets are OTHER. */
public enum EntryType { FILE, DIRECTORY, SYMLINK, HARDLINK, OTHER }
