package dev.ocisc.cli;

import dev.ocisc.failure.ExitCode;
import dev.ocisc.failure.Failure;
import dev.ocisc.oci.Platform;
import dev.ocisc.text.ReportText;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** The {@code ocisc} command: dispatches to one class per subcommand and maps failures to exit codes. */
@Command(name = "ocisc", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Supply-chain evidence from Nix's declared build graph: SBOMs, provenance, reproducibility.")
public final class Main implements Runnable {
    /** The subcommands, in the order help lists them. */
    private static final java.util.List<Class<?>> COMMANDS = java.util.List.of(SbomCommand.class,
            GraphCommand.class, ProvenanceCommand.class, KeygenCommand.class, AttestCommand.class,
            LayersCommand.class, DiffCommand.class, VerifyCommand.class, ReportCommand.class, CompletionCommand.class,
            CommandLine.HelpCommand.class);

    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces with errors.")
    boolean debug;

    @Option(names = {"-q", "--quiet"}, scope = CommandLine.ScopeType.INHERIT,
            description = "Errors only: no notes, warnings, \"wrote\" lines or progress on stderr.")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, scope = CommandLine.ScopeType.INHERIT,
            description = "Also say on stderr what is read, from where, and how long each stage took.")
    boolean verbose;

    /** This run's environment (OCISC_* defaults, SOURCE_DATE_EPOCH), standard input and stderr's kind. */
    private java.util.Map<String, String> env = java.util.Map.of();
    private java.io.InputStream stdin = java.io.InputStream.nullInputStream();
    private boolean stderrTerminal;
    private PrintWriter err;
    /** How long work is shown, chosen once the options are parsed; see {@link ProgressDisplay}. */
    private dev.ocisc.progress.Progress progress;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true), System.getenv(),
                System.in, Console.stderrIsTerminal()));
    }

    /** Runs ocisc in this process; what tests call. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, out, err, System.getenv(), java.io.InputStream.nullInputStream(), false);
    }

    /** Runs ocisc in this process with this environment and standard input. */
    public static int run(String[] args, PrintWriter out, PrintWriter err, java.util.Map<String, String> env,
            java.io.InputStream stdin, boolean stderrTerminal) {
        Main main = new Main();
        main.env = java.util.Map.copyOf(env);
        main.stdin = stdin;
        main.stderrTerminal = stderrTerminal;
        main.err = err;
        CommandLine cl = commandLine(main, commandName(args));
        cl.setOut(out);
        cl.setErr(err);
        cl.setExitCodeExceptionMapper(Main::exitCode);
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            boolean debug = cmd.getCommandSpec().root().userObject() instanceof Main m && m.debug;
            if (debug) {
                ex.printStackTrace(err);
            }
            int code = cmd.getExitCodeExceptionMapper().getExitCode(ex);
            error(err, code != ExitCode.INTERNAL ? ex.getMessage()
                    : "internal error: " + ex + (debug ? "" : " (run with --debug for details)"));
            return code;
        });
        EnvDefaults defaults = new EnvDefaults(main.env);
        cl.setParameterExceptionHandler((ex, params) -> {
            // A bad value from an OCISC_* variable is named as such: the command line shows nothing wrong.
            String from = defaults.origin(ex, params);
            if (ex.getCause() instanceof Failure f) {
                error(err, from + f.getMessage()); // a value's own parser refused it (e.g. --platform): its message
                return f.exitCode();
            }
            error(err, from + ex.getMessage());
            if (ex.getCause() instanceof CommandLine.TypeConversionException) {
                return ExitCode.USAGE; // the message names the option and what it takes: one line, as every error
            }
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
            err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return ExitCode.USAGE;
        });
        int rc = cl.execute(args);
        out.flush();
        err.flush();
        return rc;
    }

    /**
     * The command model of {@code main}: with the subcommand {@code asked} only, or with all of them when
     * {@code asked} is null or names none. picocli builds a command's model by reflection, which for all of them
     * took more than half of a short run's time: only the command asked for is built (all of them for help and
     * for mistakes).
     */
    static CommandLine commandLine(Main main, String asked) {
        CommandLine cl = new CommandLine(main);
        boolean known = !"help".equals(asked) && COMMANDS.stream().anyMatch(c -> name(c).equals(asked));
        for (Class<?> c : COMMANDS) {
            if (!known || name(c).equals(asked)) {
                cl.addSubcommand(c);
            }
        }
        cl.setDefaultValueProvider(new EnvDefaults(main.env));
        EnumValues.registerAll(cl);
        cl.registerConverter(Platform.class, Platform::parse);
        return cl;
    }

    /** The run that {@code spec}'s command is part of. */
    static Main of(CommandLine.Model.CommandSpec spec) {
        return (Main) spec.root().userObject();
    }

    /** How long work is shown for the command {@code spec} belongs to (nothing outside the real command line). */
    static dev.ocisc.progress.Progress progress(CommandLine.Model.CommandSpec spec) {
        return spec != null && spec.root().userObject() instanceof Main m ? m.progress()
                : dev.ocisc.progress.Progress.NONE;
    }

    private synchronized dev.ocisc.progress.Progress progress() {
        if (progress == null) {
            progress = ProgressDisplay.forStderr(console());
        }
        return progress;
    }

    /** What this run may say on stderr: --quiet and -v, and whether stderr is a terminal. */
    Console console() {
        if (quiet && verbose) {
            throw new dev.ocisc.failure.UsageException("--quiet and --verbose contradict each other; give one");
        }
        return new Console(quiet ? Console.Verbosity.QUIET : verbose ? Console.Verbosity.VERBOSE
                : Console.Verbosity.NORMAL, stderrTerminal, err);
    }

    /** The environment this run was given. */
    java.util.Map<String, String> env() {
        return env;
    }

    /** Standard input, for a target or file named {@code -}. */
    java.io.InputStream stdin() {
        return stdin;
    }

    /**
     * The exit code a command's exception ends the process with: a {@link Failure} carries its own; an I/O error
     * that no reader turned into one is still unreadable input; anything else is a bug.
     */
    static int exitCode(Throwable ex) {
        if (ex instanceof Failure f) {
            return f.exitCode();
        }
        return ex instanceof UncheckedIOException || ex instanceof IOException ? ExitCode.BAD_INPUT : ExitCode.INTERNAL;
    }

    /**
     * Prints an error: one line, always. Messages quote input (a .drv's bytes, file names, arguments), and a
     * newline or terminal escape in it would add lines or rewrite the terminal; this is the one place errors are
     * printed, so it is the one place they are made safe.
     */
    private static void error(PrintWriter err, String message) {
        err.println("ocisc: " + ReportText.line(String.valueOf(message)));
    }

    /** The first argument that is not one of the root command's options, or null. */
    private static String commandName(String[] args) {
        for (String a : args) {
            if (!a.startsWith("-")) {
                return a;
            }
            if (!ROOT_FLAGS.contains(a)) {
                return null; // --help, --version or a mistake: picocli answers those with every command known
            }
        }
        return null;
    }

    private static final java.util.Set<String> ROOT_FLAGS = java.util.Set.of("--debug", "-q", "--quiet", "-v",
            "--verbose");

    private static String name(Class<?> command) {
        return command.getAnnotation(Command.class).name();
    }

    /**
     * The whole command model, every subcommand added, under an empty environment (no OCISC_* default of the
     * machine that builds): what completion scripts and man pages are generated from.
     */
    static CommandLine full() {
        return commandLine(new Main(), null);
    }

    /** Version, commit and build date: the last two as the build recorded them ({@link BuildInfo}). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            BuildInfo b = BuildInfo.load();
            return new String[] {"ocisc " + version(), "commit: " + b.commit(), "built: " + b.date()};
        }
    }

    /** The version in the jar's manifest ("dev" when run from classes, as tests do). */
    static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
