package dev.ocisc.catalog;

/**
 * A package an OS package manager recorded as installed.
 *
 * @param ecosystem {@code deb} or {@code apk}
 * @param source    the source package (Debian {@code Source:}, apk origin), or null
 * @param license   an SPDX expression: apk's {@code L:} as the database records it; for dpkg, from the package's
 *                  machine-readable {@code /usr/share/doc/NAME/copyright} ({@link DebianCopyright}); or null
 * @param database  the file it was recorded in
 */
public record OsPackage(String ecosystem, String name, String version, String arch, String source, String license,
        String description, String homepage, String database) {
}
