package dev.ocisc.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ocisc.catalog.LanguageFiles;
import dev.ocisc.testing.FuzzInput;
import java.util.Arrays;
import org.junit.jupiter.api.Timeout;

/**
 * The Go catalogers on any bytes, as a layer streams a file past them: an executable (the first byte picks the
 * chunk size, so the magic and the headers fall across chunk ends) or, when the first byte's top bit is set, a
 * vendor/modules.txt; held to {@link FuzzInput}'s contract, and every warning names the file.
 */
class GoFuzzTest {
    @FuzzTest(maxDuration = "10s")
    @Timeout(10)
    void goFiles(byte[] data) throws Exception {
        if (data.length < 1) {
            return;
        }
        byte[] file = Arrays.copyOfRange(data, 1, data.length);
        String path = (data[0] & 0x80) != 0 ? "src/vendor/modules.txt" : "bin/x";
        int chunk = (data[0] & 0x7f) + 1;
        LanguageFiles lang = new LanguageFiles();
        FuzzInput.answer(() -> {
            if (!lang.start(path, file.length, 0755)) {
                return;
            }
            for (int off = 0; off < file.length && lang.wantsMore(); off += chunk) {
                lang.data(file, off, Math.min(chunk, file.length - off));
            }
            lang.add(lang.end(), path, "0".repeat(64));
        });
        lang.warnings().forEach(w -> assertTrue(w.startsWith("/" + path + ": "), w));
    }
}
