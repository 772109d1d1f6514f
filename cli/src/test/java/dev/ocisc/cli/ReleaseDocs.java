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
        picocli.CommandLine full = Main.full();
        ManPageGenerator.generateManPage(adoc.toFile(), null, new boolean[0], true, full.getCommandSpec());
        plainSynopses(full, adoc);
    }

    /**
     * picocli marks up a synopsis with bold and italics that asciidoctor cannot parse where an option's label has
     * brackets or follows a split option ({@code [*--cacert*_=FILE[,FILE...]_]}): man then shows stray '*', '_'
     * and lost text. Each page gets the synopsis of --help instead, as a literal block, which man shows as it is.
     */
    private static void plainSynopses(picocli.CommandLine cl, Path dir) throws IOException {
        Path page = dir.resolve(cl.getCommandSpec().qualifiedName("-") + ".adoc");
        if (Files.exists(page)) {
            String text = Files.readString(page, StandardCharsets.UTF_8);
            String start = "== Synopsis\n\n";
            String end = "\n// end::picocli-generated-man-section-synopsis[]";
            int a = text.indexOf(start);
            int b = text.indexOf(end, a);
            if (a < 0 || b < 0) {
                throw new IllegalStateException(page + ": no synopsis section where picocli writes it");
            }
            String synopsis = new picocli.CommandLine.Help(cl.getCommandSpec(),
                    picocli.CommandLine.Help.defaultColorScheme(picocli.CommandLine.Help.Ansi.OFF)).synopsis(0);
            Files.writeString(page, text.substring(0, a + start.length()) + "....\n" + synopsis.stripTrailing()
                    + "\n....\n" + text.substring(b), StandardCharsets.UTF_8);
        }
        for (picocli.CommandLine sub : cl.getSubcommands().values()) {
            plainSynopses(sub, dir);
        }
    }
}
