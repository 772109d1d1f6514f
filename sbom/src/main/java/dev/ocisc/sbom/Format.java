package dev.ocisc.sbom;

import dev.ocisc.sbom.csv.CsvWriter;
import dev.ocisc.sbom.cyclonedx.CycloneDxJsonWriter;
import dev.ocisc.sbom.cyclonedx.CycloneDxXmlWriter;
import dev.ocisc.sbom.spdx.SpdxJsonWriter;
import dev.ocisc.sbom.spdx.SpdxTagValueWriter;
import java.util.function.Supplier;

/** The SBOM formats ocisc writes, by the names used on the command line. */
public enum Format {
    CYCLONEDX_JSON("cyclonedx-json", ".cdx.json", CycloneDxJsonWriter::new),
    CYCLONEDX_XML("cyclonedx-xml", ".cdx.xml", CycloneDxXmlWriter::new),
    SPDX_JSON("spdx-json", ".spdx.json", SpdxJsonWriter::new),
    SPDX_TV("spdx-tv", ".spdx", SpdxTagValueWriter::new),
    CSV("csv", ".csv", CsvWriter::new);

    private final String cliName;
    private final String extension;
    private final Supplier<SbomWriter> writer;

    Format(String cliName, String extension, Supplier<SbomWriter> writer) {
        this.cliName = cliName;
        this.extension = extension;
        this.writer = writer;
    }

    public String cliName() {
        return cliName;
    }

    /** The file name ending used when several formats are written into one directory. */
    public String extension() {
        return extension;
    }

    /** The name of {@code sbom}'s file in this format in a directory: its name, safe as one file name. */
    public String fileName(Sbom sbom) {
        return sbom.name().replaceAll("[^A-Za-z0-9._+-]", "_") + extension;
    }

    public SbomWriter writer() {
        return writer.get();
    }

    @Override
    public String toString() {
        return cliName;
    }
}
