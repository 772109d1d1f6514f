package dev.ocisc.nix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.testing.TestData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DerivationParserTest {
    static Derivation parse(String text) {
        return DerivationParser.parse("test.drv", "/nix/store/00000000000000000000000000000000-x.drv",
                text.getBytes(StandardCharsets.UTF_8));
    }

    /** Every .drv that real Nix wrote into the fixture parses to what `nix show-derivation` printed for it. */
    @Test
    void fixtureDerivationsMatchNixsOwnJson() throws Exception {
        DerivationJson json = DerivationJson.parse("derivation-show.json",
                new ObjectMapper().readTree(TestData.path("nix/derivation-show.json").toFile()));
        assertEquals(6, json.all().size());
        for (Map.Entry<String, Derivation> e : json.all().entrySet()) {
            Path file = TestData.nixStore().resolve(e.getKey().substring(1));
            Derivation parsed = DerivationParser.read(file, e.getKey());
            Derivation expected = e.getValue();
            assertEquals(expected.outputs(), parsed.outputs(), e.getKey());
            assertEquals(expected.inputDrvs(), parsed.inputDrvs(), e.getKey());
            assertEquals(expected.inputSrcs(), parsed.inputSrcs(), e.getKey());
            assertEquals(expected.system(), parsed.system());
            assertEquals(expected.builder(), parsed.builder());
            assertEquals(expected.args(), parsed.args(), e.getKey());
            assertEquals(expected.env(), parsed.env(), e.getKey());
        }
    }

    @Test
    void structuredAttrsAreReadFromJsonEntry() throws Exception {
        Path dir = TestData.nixStore().resolve("nix/store");
        Path assets;
        try (var s = Files.list(dir)) {
            assets = s.filter(p -> p.getFileName().toString().endsWith("greeter-assets-0.2.drv")).findFirst().orElseThrow();
        }
        Derivation d = DerivationParser.read(assets, "/nix/store/" + assets.getFileName());
        assertTrue(d.env().containsKey("__json"));
        assertEquals("greeter-assets-0.2", d.name());
    }

    @Test
    void escapesAndSeveralOutputs() {
        Derivation d = parse("Derive([(\"dev\",\"/nix/store/11111111111111111111111111111111-a-dev\",\"\",\"\"),"
                + "(\"out\",\"/nix/store/22222222222222222222222222222222-a\",\"\",\"\")],[],[],\"x86_64-linux\","
                + "\"/bin/sh\",[\"-c\",\"echo \\\"hi\\\"\\n\\tdone\\\\\"],[(\"name\",\"a-1.0\"),(\"utf\",\"grüße\")])");
        assertEquals(List.of("dev", "out"), List.copyOf(d.outputs().keySet()));
        assertEquals("echo \"hi\"\n\tdone\\", d.args().get(1));
        assertEquals("grüße", d.env().get("utf"));
        assertEquals("a-1.0", d.name());
    }

    /**
     * One key is looked up without reading the whole environment, and answers as the whole map would: the last
     * of a key given twice, keys spelt with escapes, keys that only start like the one asked, absent keys.
     */
    @Test
    void oneValueIsWhatTheWholeEnvironmentSays() {
        String drv = "Derive([],[],[],\"s\",\"b\",[],[(\"name\",\"first\"),(\"na\\me2\",\"x\"),(\"nam\",\"y\"),"
                + "(\"n\\\"q\",\"quoted\"),(\"b\\\\s\",\"backslash\"),(\"name\",\"l\\\"ast\"),(\"\",\"empty key\"),"
                + "(\"utf\",\"grüße\")])";
        java.util.Map<String, String> whole = new java.util.LinkedHashMap<>(parse(drv).env());
        assertEquals("l\"ast", whole.get("name"));
        for (String key : List.of("name", "name2", "nam", "n\"q", "b\\s", "", "utf", "absent", "nam\"")) {
            Derivation fresh = parse(drv); // nothing read into strings yet
            assertEquals(whole.get(key), fresh.env().get(key), key);
            assertEquals(whole.containsKey(key), fresh.env().containsKey(key), key);
            assertEquals(whole.getOrDefault(key, "none"), fresh.env().getOrDefault(key, "none"), key);
        }
        assertEquals("l\"ast", parse(drv).name());
    }

    /**
     * The environment is read into strings on first use (DrvEnv), but it is checked when the file is read: a
     * malformed entry fails there, with its byte offset, and what is read later is what an eager read gives.
     */
    @Test
    void environmentIsCheckedAtReadAndReadInFileOrderLater() {
        Derivation d = parse("Derive([],[],[],\"s\",\"b\",[],[(\"z\",\"1\"),(\"a\",\"q\\\"u\\\\o\\nte\"),"
                + "(\"name\",\"x-2\")])");
        assertEquals(List.of("z", "a", "name"), List.copyOf(d.env().keySet()));
        assertEquals(Map.of("z", "1", "a", "q\"u\\o\nte", "name", "x-2"), d.env());
        assertEquals(d.env(), new java.util.LinkedHashMap<>(d.env()));
        assertEquals(new java.util.LinkedHashMap<>(d.env()).hashCode(), d.env().hashCode());
        assertThrows(UnsupportedOperationException.class, () -> d.env().put("k", "v"));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> parse("Derive([],[],[],\"s\",\"b\",[],[(\"k\",\"v\"),(\"k2\" \"v2\")])"));
        assertEquals("test.drv: malformed derivation at byte 43: expected ',' but found ' '", e.getMessage());
        e = assertThrows(InvalidInputException.class,
                () -> parse("Derive([],[],[],\"s\",\"b\",[],[(\"k\",\"v\\"));
        assertTrue(e.getMessage().contains("unterminated escape"), e.getMessage());
    }

    @Test
    void fixedOutputsFlatAndRecursive() {
        String hex = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        Derivation flat = parse("Derive([(\"out\",\"/nix/store/22222222222222222222222222222222-a\",\"sha256\",\""
                + hex + "\")],[],[],\"s\",\"b\",[],[(\"urls\",\"https://a.example/x https://b.example/x\")])");
        assertEquals(false, flat.fixedOutput("out").orElseThrow().recursive());
        assertEquals(hex, flat.fixedOutput("out").orElseThrow().hashHex());
        assertEquals(List.of("https://a.example/x", "https://b.example/x"), flat.fixedOutput("out").orElseThrow().urls());
        Derivation rec = parse("Derive([(\"out\",\"/nix/store/22222222222222222222222222222222-a\",\"r:sha256\",\""
                + hex + "\")],[],[],\"s\",\"b\",[],[(\"url\",\"https://a.example/y\")])");
        assertEquals(true, rec.fixedOutput("out").orElseThrow().recursive());
        assertEquals(List.of("https://a.example/y"), rec.fixedOutput("out").orElseThrow().urls());
    }

    @Test
    void contentAddressedOutputsHaveEmptyPaths() {
        Derivation d = parse("Derive([(\"out\",\"\",\"r:sha256\",\"\")],[],[],\"s\",\"b\",[],[])");
        assertTrue(d.outputs().get("out").isContentAddressed());
        assertTrue(d.fixedOutput("out").isEmpty());
    }

    @Test
    void dynamicDerivationFormWithVersion() {
        Derivation d = parse("DrvWithVersion(\"xp-dyn-drv\",[(\"out\",\"\",\"r:sha256\",\"\")],"
                + "[(\"/nix/store/33333333333333333333333333333333-b.drv\",([\"out\"],[]))],"
                + "[\"/nix/store/44444444444444444444444444444444-src\"],\"s\",\"b\",[],[])");
        assertEquals(Map.of("/nix/store/33333333333333333333333333333333-b.drv", new java.util.TreeSet<>(List.of("out"))),
                d.inputDrvs());
    }

    @Test
    void malformedInputNamesFileOffsetAndExpectation() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> parse("Derive([(\"out\",\"/nix/store/x\"]"));
        assertEquals("test.drv: malformed derivation at byte 29: expected ',' but found ']'", e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> parse("Derive([(\"out\",\"abc"));
        assertTrue(e.getMessage().contains("unterminated string"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> parse("{\"json\": true}"));
        assertTrue(e.getMessage().contains("byte 0: expected 'Derive(' or 'DrvWithVersion('"), e.getMessage());
        e = assertThrows(InvalidInputException.class,
                () -> parse("Derive([],[],[],\"s\",\"b\",[],[])trailing"));
        assertTrue(e.getMessage().contains("expected end of file"), e.getMessage());
    }
}
