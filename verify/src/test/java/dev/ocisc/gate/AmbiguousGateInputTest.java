package dev.ocisc.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.slsa.Policy;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * verify image's own inputs with a key twice, the value another reader would take first and the one ocisc
 * took (the last) after it: bad input, not a verdict on either reading. The SBOM it reads is judged so in
 * {@code dev.ocisc.sbom.SbomReaderTest}.
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
}
