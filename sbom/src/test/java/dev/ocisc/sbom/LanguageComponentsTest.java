package dev.ocisc.sbom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.ocisc.catalog.LanguagePackage;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Language packages join an SBOM as contained components; a main module named as its store path is that path. */
class LanguageComponentsTest {
    private static final String SP = "/nix/store/" + "a".repeat(32) + "-hello-svc-0.3.1";

    private static Sbom base() {
        Component c = new Component(SP, Component.Type.APPLICATION, "hello-svc", "0.3.1", "pkg:nix/hello-svc@0.3.1",
                null, null, null, null, null, List.of(), null, null, null, new TreeMap<>());
        return new Sbom("hello-svc-0.3.1", "serial", null, List.of(SP), List.of(c), List.of(), "operations", "t");
    }

    private static LanguageComponents.Placed go(String path, String version, boolean main, String file) {
        int slash = path.lastIndexOf('/');
        LanguagePackage p = new LanguagePackage("golang", path.substring(0, slash), path.substring(slash + 1), version,
                null, main, new LanguagePackage.Evidence(SP + file, "ab".repeat(32)), SP, Map.of());
        return new LanguageComponents.Placed(p, SP, Map.of());
    }

    @Test
    void modulesAreContainedAndTheMainModuleIsTheStorePath() {
        Sbom s = LanguageComponents.add(base(), List.of(go("example.org/hello-svc", "(devel)", true, "/bin/x"),
                go("github.com/google/uuid", "v1.3.0", false, "/bin/x"),
                go("github.com/google/uuid", "v1.3.0", false, "/bin/y")));
        assertEquals(2, s.components().size());
        assertEquals("example.org/hello-svc", s.component(SP).properties().get("golang:main_module"));
        assertEquals("(devel)", s.component(SP).properties().get("golang:main_version"));
        String ref = "pkg:golang/github.com/google/uuid@v1.3.0#" + SP;
        assertEquals(List.of(new Relationship(SP, ref, Relationship.Type.CONTAINS)), s.relationships());
        // One component for the module in two files of one store path, both files as evidence.
        assertEquals(SP + "/bin/x " + SP + "/bin/y", s.component(ref).properties().get("ocisc:evidence_path"));
        assertNotEquals(base().serial(), s.serial());
    }

    @Test
    void aMainModuleNamedOtherwiseIsAPackageOfItsOwn() {
        Sbom s = LanguageComponents.add(base(), List.of(go("example.org/other", "v1.0.0", true, "/bin/x")));
        Component c = s.component("pkg:golang/example.org/other@v1.0.0#" + SP);
        assertEquals(Component.Type.APPLICATION, c.type());
        assertEquals(null, s.component(SP).properties().get("golang:main_module"));
    }

    @Test
    void develIsPercentEncodedInThePurl() {
        LanguagePackage p = go("example.org/x", "(devel)", false, "/bin/x").pkg();
        assertEquals("pkg:golang/example.org/x@%28devel%29", LanguageComponents.purl(p));
    }
}
