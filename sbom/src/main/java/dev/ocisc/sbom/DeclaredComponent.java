package dev.ocisc.sbom;

/**
 * One component an SBOM declares, as {@link SbomReader} reads it: reduced to what can be matched against an
 * image's contents.
 *
 * @param storePath the Nix store path it names (bom-ref, property or name), or null
 * @param license   its license expression or id, or null
 */
public record DeclaredComponent(String name, String version, String storePath, String license) {
    public String label() {
        return storePath != null ? storePath : version == null || version.isEmpty() ? name : name + "@" + version;
    }
}
