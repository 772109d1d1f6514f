package dev.ocisc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** Walks the whole command model, as help shows it: what every command says about each of its arguments. */
class CommandModelTest {
    private static final CommandLine ALL = Main.commandLine(new Main(), null);

    /** Every command of the model, root first. */
    private static List<CommandLine> commands() {
        List<CommandLine> all = new ArrayList<>();
        walk(ALL, all);
        return all;
    }

    private static void walk(CommandLine cl, List<CommandLine> all) {
        all.add(cl);
        cl.getSubcommands().values().stream().distinct().forEach(sub -> walk(sub, all));
    }

    @Test
    void everyPositionalParameterAndOptionIsDescribed() {
        List<String> undescribed = new ArrayList<>();
        int args = 0;
        for (CommandLine cl : commands()) {
            CommandSpec spec = cl.getCommandSpec();
            for (ArgSpec a : spec.args()) {
                args++;
                String text = String.join(" ", a.description()).strip();
                if (text.isEmpty()) {
                    undescribed.add(spec.qualifiedName() + " " + (a instanceof OptionSpec o ? o.longestName()
                            : a.paramLabel()));
                }
            }
        }
        assertTrue(args > 100, "the whole model was walked: " + args);
        assertEquals(List.of(), undescribed);
    }

    @Test
    void noSynopsisRepeatsASplitLabel() {
        for (CommandLine cl : commands()) {
            String usage = cl.getUsageMessage(CommandLine.Help.Ansi.OFF);
            // picocli's own rendering of a split option: --ignore=CLASS[,CLASS...][,CLASS[,CLASS...]...]
            assertTrue(!usage.replaceAll("\\s+", "").matches("(?s).*\\.\\.\\.\\]\\[,.*"), usage);
        }
        String diff = ALL.getSubcommands().get("diff").getUsageMessage(CommandLine.Help.Ansi.OFF);
        assertTrue(diff.contains("[--ignore=CLASS[,CLASS...]]..."), diff);
    }

    @Test
    void eachEnvironmentDefaultIsNamedInTheHelpOfEveryOptionItServes() {
        int seen = 0;
        for (CommandLine cl : commands()) {
            for (OptionSpec o : cl.getCommandSpec().options()) {
                String var = EnvDefaults.VARIABLES.get(o.longestName());
                if (var != null) {
                    seen++;
                    assertTrue(String.join(" ", o.description()).contains("$" + var),
                            cl.getCommandSpec().qualifiedName() + " " + o.longestName() + " names $" + var);
                }
            }
        }
        assertTrue(seen >= EnvDefaults.VARIABLES.size(), "every variable serves some option: " + seen);
        for (String option : EnvDefaults.VARIABLES.keySet()) {
            assertTrue(commands().stream().anyMatch(cl -> cl.getCommandSpec().findOption(option) != null), option);
        }
    }

    @Test
    void sbomHelpSaysItTakesImagesAndRegistryReferences() {
        String help = ALL.getSubcommands().get("sbom").getUsageMessage(CommandLine.Help.Ansi.OFF);
        String target = String.join(" ", ALL.getSubcommands().get("sbom").getCommandSpec().positionalParameters()
                .get(0).description());
        for (String s : List.of("image", "registry reference", "oci-archive", "- reads it from stdin")) {
            assertTrue(target.contains(s), "TARGET's help says " + s + ": " + target);
        }
        assertTrue(help.contains("FORMAT=FILE"), help);
    }

    @Test
    void quietAndVerboseAreInheritedByEveryCommand() {
        for (CommandLine cl : commands()) {
            CommandSpec spec = cl.getCommandSpec();
            for (String o : List.of("-q", "--quiet", "-v", "--verbose", "--debug")) {
                assertTrue(spec.findOption(o) != null, spec.qualifiedName() + " " + o);
            }
        }
    }

    @Test
    void defaultsComeFromTheEnvironmentMapOnly() {
        EnvDefaults d = new EnvDefaults(Map.of("OCISC_KEY", "k.pub", "OCISC_POLICY", " "));
        CommandSpec verify = ALL.getSubcommands().get("attest").getSubcommands().get("verify").getCommandSpec();
        assertEquals("k.pub", d.defaultValue(verify.findOption("--key")));
        assertEquals(null, d.defaultValue(verify.findOption("--policy")), "blank is unset");
        assertEquals(null, d.defaultValue(verify.findOption("--builder-id")));
    }
}
