package dev.ocisc.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Build step (cli/pom.xml, package phase): writes what the release archive ships besides the jar, generated from
 * the command model: the shell completion script and a man page per command, as picocli's AsciiDoc (release/pom.xml
 * turns it into troff). Lives with the tests: the man-page generator does not belong in ocisc's jar.
 * Argument: the output directory.
 */
public final class ReleaseDocs {
    private ReleaseDocs() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        Path completion = Files.createDirectories(out.resolve("completion"));
        Files.writeString(completion.resolve("ocisc.bash"), CompletionCommand.script(), StandardCharsets.UTF_8);
        Path adoc = Files.createDirectories(out.resolve("man-adoc"));
        ManPageGenerator.generateManPage(adoc.toFile(), null, new boolean[0], true, Main.full().getCommandSpec());
    }
}
