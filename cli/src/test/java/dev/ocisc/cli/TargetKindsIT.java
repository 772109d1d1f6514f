package dev.ocisc.cli;

import static dev.ocisc.cli.CliIT.assertOneLineError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ocisc.testing.TestData;
import dev.ocisc.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command decides what its target is the same way (dev.ocisc.target) and refuses a kind it cannot read in
 * one line that says what the target is and what the command takes: exit 3.
 */
class TargetKindsIT {
    static final String RESULT = CliIT.RESULT;
    static final String STORE = CliIT.STORE;
    static final String GREETING = "/nix/store/kxbh5m9siwc5z8drirh9hb5hh99mqppd-greeting-data-1.0.tar";
    /** A plain tar that is a store path of the testdata store. */
    static final String GREETING_FILE = TestData.nixStore().resolve(GREETING.substring(1)).toString();
    static final String OCI_ARCHIVE = TestData.path("oci/debian.oci.tar").toString();
    static final String NIX_IMAGE = TestData.path("oci/nix-greeter.tar.gz").toString();
    static final String LAYOUT = TestData.path("oci/debian").toString();
    static final String JSON_GRAPH = TestData.path("nix/path-info.json").toString();
    static final String GRAPH_TAKES = "graph takes a result link, store path, .drv or JSON graph";
    static final String IMAGE_TAKES =
            "takes an OCI image (layout directory, oci-archive, docker-archive, Nix's .tar.gz)";

    @TempDir
    Path dir;

    /** Under --store a tar in a store path is that store path for sbom, graph and provenance alike. */
    @Test
    void aPlainTarInAStorePathIsThatStorePathForEveryCommand() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Tools.Result sbom = Ocisc.run("sbom", GREETING_FILE, "--store", STORE);
        assertEquals(0, sbom.exitCode(), sbom.stderr());
        assertEquals(GREETING, json.readTree(sbom.stdout()).at("/metadata/component/bom-ref").asText());
        Tools.Result graph = Ocisc.run("graph", GREETING_FILE, "--store", STORE);
        assertEquals(0, graph.exitCode(), graph.stderr());
        assertEquals("greeting-data-1.0.tar  " + GREETING, graph.stdout().strip());
        Tools.Result provenance = Ocisc.run("provenance", GREETING_FILE, "--store", STORE);
        assertEquals(0, provenance.exitCode(), provenance.stderr());
        assertEquals(GREETING, json.readTree(provenance.stdout()).at("/subject/0/name").asText());
    }

    /**
     * A result link to a Nix-built image: its SBOM lists what the image holds (what runs), the same components as
     * the image file read directly; --buildtime would ask for its build graph instead.
     */
    @Test
    void aResultLinkToANixBuiltImageListsWhatTheImageHolds() throws Exception {
        String storePath = "/nix/store/0c7zpd4nd9jbcb6gzrx8mkhdwl7ri1kx-greeter-image.tar.gz";
        Path root = dir.resolve("root");
        Path file = root.resolve(storePath.substring(1));
        java.nio.file.Files.createDirectories(file.getParent());
        java.nio.file.Files.copy(Path.of(NIX_IMAGE), file);
        Path result = java.nio.file.Files.createSymbolicLink(dir.resolve("result"), Path.of(storePath));
        ObjectMapper json = new ObjectMapper();
        Tools.Result viaLink = Ocisc.run("sbom", result.toString(), "--store", root.toString());
        assertEquals(0, viaLink.exitCode(), viaLink.stderr());
        Tools.Result direct = Ocisc.run("sbom", NIX_IMAGE);
        assertEquals(0, direct.exitCode(), direct.stderr());
        java.util.Set<String> refs = new java.util.TreeSet<>();
        json.readTree(viaLink.stdout()).path("components").forEach(c -> refs.add(c.path("bom-ref").asText()));
        java.util.Set<String> expected = new java.util.TreeSet<>();
        json.readTree(direct.stdout()).path("components").forEach(c -> expected.add(c.path("bom-ref").asText()));
        assertTrue(refs.stream().anyMatch(r -> r.endsWith("-greeter-2.1.0")), refs::toString);
        assertEquals(expected, refs);
    }

    /**
     * What a newcomer exploring testdata hits first: a .drv or a store path of the relocated sample named without
     * --store, and the result link without it. Each says what is missing.
     */
    @Test
    void storePathsOfARelocatedStoreWithoutStoreSayToGiveIt() {
        String drv = TestData.nixStore().resolve("nix/store/kisxr5av90ns7ldnx5cyynm85d0bl900-greeter-2.1.0.drv")
                .toString();
        assertOneLineError(Ocisc.run("sbom", drv), 3, drv, "outside a Nix store", "give --store ROOT");
        String out = TestData.nixStore().resolve("nix/store/ihy4kdy0gh57692zs4fmkqx5w7ssxq8q-greeter-2.1.0")
                .toString();
        assertOneLineError(Ocisc.run("graph", out), 3, "outside a Nix store", "give --store ROOT");
        assertOneLineError(Ocisc.run("sbom", RESULT), 3, "not a valid path in the store", "give --store ROOT");
    }

    /** A copy of a .drv, away from its store, says that derivations are read in a store, not only what it is not. */
    @Test
    void aDrvCopiedOutOfItsStoreSaysWhereDerivationsAreRead(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path copy = java.nio.file.Files.copy(TestData.nixStore()
                .resolve("nix/store/kisxr5av90ns7ldnx5cyynm85d0bl900-greeter-2.1.0.drv"), dir.resolve("greeter.drv"));
        assertOneLineError(Ocisc.run("sbom", copy.toString()), 3, copy.toString(), "a .drv outside a Nix store",
                "under --store ROOT");
    }

    /** Help says what each command takes: sbom takes images too; a bare ocisc gives one hint, not two. */
    @Test
    void helpSaysSbomTakesImagesAndABareCommandHintsOnce() {
        Tools.Result help = Ocisc.run("sbom", "--help");
        assertEquals(0, help.exitCode(), help.stderr());
        assertTrue(help.stdout().contains("what an OCI") && help.stdout().contains("oci-archive"), help.stdout());
        Tools.Result bare = Ocisc.run();
        assertEquals(2, bare.exitCode());
        assertEquals(1, bare.stderr().split("--help", -1).length - 1, bare.stderr());
    }

    /**
     * --platform on a single-platform image: there is no index to choose from, so an image of another platform is
     * refused rather than read as if it were the one asked for (a gate would otherwise pass the wrong one).
     */
    @Test
    void aPlatformTheImageIsNotForIsRefused() {
        String docker = TestData.path("oci/debian.docker.tar").toString();
        for (String image : java.util.List.of(OCI_ARCHIVE, docker)) {
            for (String command : java.util.List.of("layers", "sbom")) {
                assertOneLineError(Ocisc.run(command, image, "--platform", "linux/arm64"), 3, image,
                        "the image is for linux/amd64, not linux/arm64");
                Tools.Result ok = Ocisc.run(command, image, "--platform", "linux/amd64");
                assertEquals(0, ok.exitCode(), ok.stderr());
            }
        }
    }

    /** Without --store the same bytes are a plain tar, which no command reads as a graph or an image. */
    @Test
    void aPlainTarOutsideAStoreIsRefusedByEveryCommand() {
        String is = GREETING_FILE + " is a tar archive, not an OCI image; ";
        assertOneLineError(Ocisc.run("sbom", GREETING_FILE), 3, "sbom: " + is + "sbom takes a result link, "
                + "store path, .drv, JSON graph or OCI image");
        assertOneLineError(Ocisc.run("graph", GREETING_FILE), 3, "graph: " + is + GRAPH_TAKES);
        assertOneLineError(Ocisc.run("provenance", GREETING_FILE), 3, "provenance: " + is);
        assertOneLineError(Ocisc.run("layers", GREETING_FILE), 3, "layers: " + is + "layers " + IMAGE_TAKES);
        assertOneLineError(Ocisc.run("verify", "image", GREETING_FILE, "--policy", policy()), 3,
                "verify image: " + is + "verify image " + IMAGE_TAKES);
        assertOneLineError(Ocisc.run("verify", "nix", GREETING_FILE), 3, "verify nix: " + is
                + "verify nix takes a result link, store path or .drv");
    }

    /** graph, provenance and verify nix read Nix builds; an image in any form is refused, with where to go. */
    @Test
    void imagesAreRefusedByTheNixCommands() {
        assertOneLineError(Ocisc.run("graph", OCI_ARCHIVE), 3, "graph: " + OCI_ARCHIVE + " is an OCI image "
                + "(oci-archive); " + GRAPH_TAKES + "; use `ocisc sbom` or `ocisc layers` for images");
        assertOneLineError(Ocisc.run("graph", NIX_IMAGE, "-f", "json"), 3,
                NIX_IMAGE + " is an OCI image (docker-archive, gzip)");
        assertOneLineError(Ocisc.run("provenance", NIX_IMAGE), 3, "provenance: " + NIX_IMAGE + " is an OCI image"
                + " (docker-archive, gzip); provenance takes a result link, store path, .drv or JSON derivation "
                + "graph; an image's provenance is that of the Nix build that made it");
        assertOneLineError(Ocisc.run("provenance", LAYOUT), 3, LAYOUT + " is an OCI image (oci-layout)");
        assertOneLineError(Ocisc.run("verify", "nix", LAYOUT), 3, "verify nix: " + LAYOUT + " is an OCI image");
    }

    /** layers and verify image read images; a Nix build, a JSON graph or a directory is refused. */
    @Test
    void nixTargetsJsonAndDirectoriesAreRefusedByTheImageCommands() {
        assertOneLineError(Ocisc.run("layers", RESULT), 3, "layers: " + RESULT + " is a link to store path "
                + "/nix/store/ihy4kdy0gh57692zs4fmkqx5w7ssxq8q-greeter-2.1.0", "layers " + IMAGE_TAKES,
                "use `ocisc sbom` or `ocisc graph` for Nix builds");
        assertOneLineError(Ocisc.run("layers", LAYOUT, JSON_GRAPH), 3, "layers: " + JSON_GRAPH
                + " is a JSON file; layers " + IMAGE_TAKES);
        String notLayout = TestData.path("nix").toString();
        assertOneLineError(Ocisc.run("verify", "image", notLayout, "--policy", policy()), 3,
                "verify image: " + notLayout + " is a directory, not an OCI image layout");
        assertOneLineError(Ocisc.run("verify", "image", LAYOUT, "--policy", policy(), "--rebuild", JSON_GRAPH), 3,
                "verify image: " + JSON_GRAPH + " is a JSON file");
        assertOneLineError(Ocisc.run("verify", "nix", JSON_GRAPH), 3, "verify nix: " + JSON_GRAPH + " is a JSON file");
    }

    /** Anything else is named as what it is, by content: the file name does not matter. */
    @Test
    void otherFilesAreNamedByTheirContent() throws Exception {
        Path text = Files.writeString(dir.resolve("graph.json"), "not json at all");
        assertOneLineError(Ocisc.run("sbom", text.toString()), 3, "sbom: " + text
                + " is neither an OCI image, a tar archive nor JSON");
        assertOneLineError(Ocisc.run("graph", dir.toString()), 3, "graph: " + dir + " is a directory");
        assertOneLineError(Ocisc.run("layers", dir.resolve("gone").toString()), 3, dir.resolve("gone")
                + ": no such file or store path");
        // A missing attestation is named once, not as "FILE: cannot read: FILE".
        assertEquals(0, Ocisc.inProcess("keygen", "-o", dir.resolve("k").toString()).exitCode());
        Tools.Result missing = Ocisc.inProcess("attest", "verify", dir.resolve("gone.intoto.jsonl").toString(),
                "--key", dir.resolve("k.pub").toString());
        assertEquals(3, missing.exitCode(), missing.stderr());
        assertEquals("ocisc: " + dir.resolve("gone.intoto.jsonl") + ": no such file\n", missing.stderr());
    }

    private String policy() {
        Path p = dir.resolve("policy.json");
        try {
            if (!Files.exists(p)) {
                Files.writeString(p, "{}");
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertTrue(Files.isRegularFile(p));
        return p.toString();
    }
}
