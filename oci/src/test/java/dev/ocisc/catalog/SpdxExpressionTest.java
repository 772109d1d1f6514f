package dev.ocisc.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocisc.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which declared licences are SPDX expressions, against spdx-expression-parse (Debian's node package). */
class SpdxExpressionTest {
    private static final List<String> DECLARED = List.of("MIT", "mit", "Apache-2.0", "MIT OR Apache-2.0",
            "(MIT OR Apache-2.0) AND BSD-3-Clause", "GPL-2.0-or-later WITH Classpath-exception-2.0",
            "GPL-2.0+", "GPL-2.0", "LGPL v3", "BSD", "Apache License, Version 2.0", "MIT License", "UNKNOWN",
            "LicenseRef-Proprietary", "DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2", "MIT AND", "(MIT",
            "MIT)", "MIT WITH", "MIT WITH MIT", "Classpath-exception-2.0", "MIT and Apache-2.0", "((MIT))",
            "MIT OR (Apache-2.0 AND (BSD-2-Clause OR ISC))", "Unlicense", "Expat (MIT/X11)", "()", "MIT +",
            "Apache-2.0 WITH LLVM-exception OR MIT", "MIT/Apache-2.0", "ISC OR");

    @Test
    void asSpdxExpressionParseDecides() throws Exception {
        Tools.require("node");
        Path parser = Path.of("/usr/share/nodejs/spdx-expression-parse");
        if (!Files.isDirectory(parser)) {
            Tools.require("spdx-expression-parse (apt-get install node-spdx-expression-parse)");
        }
        List<String> args = new ArrayList<>(List.of("node", "-e", """
                const parse = require('/usr/share/nodejs/spdx-expression-parse');
                for (const e of process.argv.slice(1)) {
                  try { parse(e); console.log('valid'); } catch (x) { console.log('invalid'); }
                }
                """));
        args.addAll(DECLARED);
        ProcessBuilder pb = new ProcessBuilder(args);
        pb.environment().put("NODE_PATH", "/usr/share/nodejs"); // where Debian's node packages live
        Tools.Result r = Tools.run(pb);
        assertEquals(0, r.exitCode(), r.stderr());
        List<String> truth = r.stdout().lines().toList();
        List<String> ours = DECLARED.stream().map(d -> SpdxExpression.valid(d) != null ? "valid" : "invalid").toList();
        List<String> t = new ArrayList<>();
        List<String> o = new ArrayList<>();
        for (int i = 0; i < DECLARED.size(); i++) {
            t.add(DECLARED.get(i) + ": " + truth.get(i));
            o.add(DECLARED.get(i) + ": " + ours.get(i));
        }
        assertEquals(t, o);
        assertTrue(truth.contains("valid") && truth.contains("invalid"));
    }

    @Test
    void deepNestingIsNoStackOverflow() {
        String deep = "(".repeat(500) + "MIT" + ")".repeat(500);
        assertEquals(deep, SpdxExpression.valid(deep));
        assertEquals(null, SpdxExpression.valid("(".repeat(600) + "MIT" + ")".repeat(600)));
    }
}
