package dev.ocisc.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ocisc.graph.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * verify image's own inputs with a key twice, the value another reader would take first and the one ocisc
 * took (the last) after it: bad input, not a verdict on either reading.
 */
class AmbiguousGateInputTest {
    @TempDir
    Path dir;

    String refused(String name, String json, java.util.function.Consumer<Path> read) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, json);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> read.accept(f));
        return e.getMessage().replace(f.toString(), name);
    }

    @Test
    void aPolicyWithARuleTwice() throws Exception {
        assertEquals("policy.json: duplicate key 'allowed_builder_ids' (line 2, column 23)",
                refused("policy.json", "{\"allowed_builder_ids\": [\"https://ci.example/strict\"],\n"
                        + " \"allowed_builder_ids\": [\"https://ci.example/strict\", \"https://evil.example/b\"]}",
                        Policy::read));
        assertEquals("policy.json: duplicate key 'require_reproducible' (line 1, column 54)",
                refused("policy.json", "{\"require_reproducible\": true, \"require_reproducible\": false}",
                        Policy::read));
    }

    @Test
    void anSbomWithAKeyTwice() throws Exception {
        String genuine = "{\"name\":\"libdemo\",\"version\":\"2.3-4\"}";
        // CycloneDX: a component list, and a component's licenses, given twice.
        assertEquals(List.of(new Declared("libdemo", "2.3-4", null, null)), read("ok.cdx.json",
                "{\"bomFormat\":\"CycloneDX\",\"components\":[" + genuine + "]}"));
        assertEquals("twice.cdx.json: duplicate key 'components' (line 1, column 54)", refused("twice.cdx.json",
                "{\"bomFormat\":\"CycloneDX\",\"components\":[],\"components\":[" + genuine + "]}",
                SbomReader::read));
        assertEquals("lic.cdx.json: duplicate key 'licenses' (line 1, column 100)", refused("lic.cdx.json",
                "{\"bomFormat\":\"CycloneDX\",\"components\":[{\"name\":\"x\","
                        + "\"licenses\":[{\"license\":{\"id\":\"MIT\"}}],"
                        + "\"licenses\":[{\"license\":{\"id\":\"GPL-3.0-only\"}}]}]}", SbomReader::read));
        // SPDX: the package list twice; and anything after the document.
        assertEquals("twice.spdx.json: duplicate key 'packages' (line 1, column 51)", refused("twice.spdx.json",
                "{\"spdxVersion\":\"SPDX-2.3\",\"packages\":[],\"packages\":[]}", SbomReader::read));
        assertEquals("tail.spdx.json: trailing data after the JSON value (line 1, column 42)",
                refused("tail.spdx.json", "{\"spdxVersion\":\"SPDX-2.3\",\"packages\":[]} {}", SbomReader::read));
    }

    List<Declared> read(String name, String json) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, json);
        return SbomReader.read(f);
    }
}
