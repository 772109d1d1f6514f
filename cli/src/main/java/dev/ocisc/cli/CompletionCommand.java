package dev.ocisc.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print a shell completion script for ocisc.",
                "bash: source <(ocisc completion bash), or save it in ~/.local/share/bash-completion/completions/ocisc.",
                "zsh: source <(ocisc completion zsh) in ~/.zshrc (the script loads zsh's bashcompinit)."})
final class CompletionCommand implements Callable<Integer> {
    /** The shells the script is for: picocli writes one bash script that zsh runs through bashcompinit. */
    enum Shell { bash, zsh }

    @Parameters(paramLabel = "SHELL", description = "bash or zsh.")
    Shell shell;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(script());
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** The script, generated from the whole command model. */
    static String script() {
        return AutoComplete.bash("ocisc", Main.full());
    }
}
