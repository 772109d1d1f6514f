package dev.ocisc.catalog;

import java.util.List;
import java.util.TreeMap;

/** Maven artifacts unpacked into a directory: their {@code META-INF/maven/GROUP/ARTIFACT/pom.properties}. */
public final class MavenPomPropertiesCataloger implements LanguageCataloger {
    @Override
    public FileScan open(String path, long size, int mode) {
        return path.endsWith("/pom.properties") && MavenPom.PATH.matcher(path).matches() ? new Scan(path, size) : null;
    }

    private static final class Scan extends WholeFileScan {
        Scan(String path, long size) {
            super(path, size, MavenPom.MAX_PROPERTIES, "Maven pom.properties");
        }

        @Override
        List<LanguagePackage> parse(byte[] content) {
            return List.of(MavenPom.parse(path, content, new TreeMap<>()));
        }
    }
}
