package dev.ocisc.sbom;

import java.io.IOException;
import java.io.OutputStream;

/** Writes an SBOM in one format. Implementations are deterministic: the same Sbom gives the same bytes. */
public interface SbomWriter {
    void write(Sbom sbom, OutputStream out) throws IOException;
}
