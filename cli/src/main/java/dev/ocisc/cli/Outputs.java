package dev.ocisc.cli;

import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.failure.UsageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Where a command's reports go, from trivy's {@code -f FORMAT -o FILE} and syft's {@code -o FORMAT[=FILE]}
 * (repeatable), decided in one place for every command. An {@code -o} value is, in this order:
 * <ul>
 * <li>{@code -}: standard output;
 * <li>{@code FORMAT=FILE} when the part before the first {@code =} has no {@code /}: that format into FILE (FILE
 * {@code -} is standard output), an unknown format a usage error, so no file or directory named {@code fmt=} is
 * ever made ({@code ./A=B} names such a file);
 * <li>a format name, as syft reads it: that format to standard output; with {@code -f} as well, it is ambiguous and
 * a usage error that names both readings ({@code ./NAME} names a file);
 * <li>anything else: a file, written in the {@code -f} format.
 * </ul>
 * A file's directory must exist (a typo does not make a tree of directories, as trivy and unlike syft).
 */
final class Outputs {
    /** The {@code -o} value that means standard output. */
    static final String STDOUT = "-";

    private Outputs() {
    }

    /** One report to write: a format and a file, or standard output when {@code file} is null. */
    record Destination<F>(F format, Path file) {
        boolean stdout() {
            return file == null;
        }
    }

    /**
     * The destinations that {@code formats} (the {@code -f} values, empty when none was given) and {@code outputs}
     * (the {@code -o} values) name; {@code fallback} is the format when neither names one.
     */
    static <F extends Enum<F>> List<Destination<F>> resolve(Class<F> type, List<F> formats, List<String> outputs,
            F fallback) {
        List<Destination<F>> named = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        boolean plainStdout = false;
        for (String o : outputs) {
            if (o.equals(STDOUT)) {
                plainStdout = true;
                continue;
            }
            int eq = o.indexOf('=');
            if (eq >= 0 && o.lastIndexOf('/', eq) < 0) {
                String name = o.substring(0, eq);
                F f = EnumValues.parse(type, name).orElseThrow(() -> new UsageException(
                        EnumValues.unknown(type, "format", name) + " in -o " + o + " (-o FORMAT=FILE; for a file "
                                + "whose name holds '=', write -o ./" + o + ")"));
                String file = o.substring(eq + 1);
                if (file.isEmpty()) {
                    throw new UsageException("-o " + o + " names no file (-o FORMAT=FILE, or -o " + name
                            + " for standard output)");
                }
                named.add(new Destination<>(f, file.equals(STDOUT) ? null : Path.of(file)));
                continue;
            }
            var asFormat = EnumValues.parse(type, o);
            if (asFormat.isPresent()) {
                if (!formats.isEmpty()) {
                    throw new UsageException("-o " + o + " with -f is ambiguous: -o " + o + " alone writes " + o
                            + " to standard output (syft's form), -o " + o + "=FILE writes it to FILE, and -o ./"
                            + o + " names a file");
                }
                named.add(new Destination<>(asFormat.get(), null));
                continue;
            }
            files.add(Path.of(o));
        }
        if (files.size() > 1) {
            throw new UsageException("-o FILE given " + files.size() + " times; give -o FORMAT=FILE for each report");
        }
        List<Destination<F>> out = new ArrayList<>();
        // The -f formats go to the one plain file, or to standard output when no -o names where they go.
        boolean formatsPlaced = !files.isEmpty() || plainStdout || named.isEmpty() || !formats.isEmpty();
        if (formatsPlaced) {
            Set<F> chosen = new LinkedHashSet<>(formats.isEmpty() ? List.of(fallback) : formats);
            for (F f : chosen) {
                out.add(new Destination<>(f, files.isEmpty() ? null : files.get(0)));
            }
        }
        out.addAll(named);
        long toStdout = out.stream().filter(Destination::stdout).count();
        if (toStdout > 1) {
            throw new UsageException("only one report can go to standard output; give -o FORMAT=FILE for each of the "
                    + "others" + (formats.size() > 1 ? ", or -o DIR for one file per -f format" : ""));
        }
        // Several -f formats into one -o name a directory (sbom's); two -o naming one file are a mistake.
        List<Path> seen = new ArrayList<>(files);
        for (Destination<F> d : named) {
            if (d.file() != null && seen.contains(d.file())) {
                throw new UsageException("two reports into " + d.file() + "; give each its own file");
            }
            seen.add(d.file());
        }
        for (Destination<F> d : out) {
            if (d.file() != null && !isDirectoryTarget(d.file())) {
                requireDirectory(d.file());
            }
        }
        return List.copyOf(out);
    }

    /**
     * The destinations with each file that is a directory, an existing one or one named by several formats, made
     * a file per format in it ({@code fileName} names it); that directory is made when its parent exists.
     */
    static <F> List<Destination<F>> perFormat(List<Destination<F>> destinations, Function<F, String> fileName) {
        List<Destination<F>> placed = new ArrayList<>();
        for (Destination<F> d : destinations) {
            boolean toDir = d.file() != null && (Files.isDirectory(d.file()) || destinations.stream()
                    .filter(o -> d.file().equals(o.file())).count() > 1);
            if (toDir) {
                makeDirectory(d.file());
            }
            placed.add(toDir ? new Destination<>(d.format(), d.file().resolve(fileName.apply(d.format()))) : d);
        }
        return placed;
    }

    /** The one directory several formats are written into, made when its parent exists. */
    private static void makeDirectory(Path dir) {
        requireDirectory(dir);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new InvalidInputException(dir, "cannot make the directory: " + e.getMessage());
        }
    }

    /** True when {@code file} is an existing directory, which sbom fills with one file per format. */
    static boolean isDirectoryTarget(Path file) {
        return Files.isDirectory(file);
    }

    /** Refuses, before any work, a file whose directory does not exist: one line naming the directory (exit 3). */
    static void requireDirectory(Path file) {
        Path dir = file.getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new InvalidInputException(file, "cannot write: no such directory " + missing(dir)
                    + " (ocisc makes no directories; create it first)");
        }
    }

    /** The outermost directory of {@code dir} that is missing: what the user has to create. */
    private static Path missing(Path dir) {
        Path m = dir;
        while (m.getParent() != null && !Files.exists(m.getParent())) {
            m = m.getParent();
        }
        return m;
    }
}
