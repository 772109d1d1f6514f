package dev.ocisc.cli;

import dev.ocisc.diff.Drift;
import dev.ocisc.diff.ReportFormat;
import dev.ocisc.diff.ReportWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Renders a report completely, then prints or writes it (atomically): no partial output on failure. */
final class ReportOutput {
    private ReportOutput() {
    }

    /** A report's writer, called with the buffer it is rendered into. */
    interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    static byte[] render(ReportFormat format, Drift drift) {
        return render(out -> ReportWriter.forFormat(format).write(drift, out));
    }

    static byte[] render(Body body) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try {
            body.writeTo(buf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buf.toByteArray();
    }

    /** Renders a report and prints it. */
    static void print(Body body, PrintWriter out) {
        emit(render(body), null, out);
    }

    /**
     * Writes each report where {@code destinations} say, rendered by {@code body}: the files all or none (renamed
     * into place together), then the one for standard output; says "wrote FILE" for each file. Returns them.
     */
    static <F> java.util.List<Path> emitAll(java.util.List<Outputs.Destination<F>> destinations,
            java.util.function.Function<F, Body> body, PrintWriter out, Console console) {
        java.util.List<Path> files = emitAll(destinations, body, out);
        files.forEach(f -> console.info("wrote " + f));
        return files;
    }

    /** As {@link #emitAll(java.util.List, java.util.function.Function, PrintWriter, Console)}, saying nothing. */
    static <F> java.util.List<Path> emitAll(java.util.List<Outputs.Destination<F>> destinations,
            java.util.function.Function<F, Body> body, PrintWriter out) {
        java.util.Map<Path, AtomicOutput.Content> files = new java.util.LinkedHashMap<>();
        byte[] toStdout = null;
        for (Outputs.Destination<F> d : destinations) {
            if (d.stdout()) {
                toStdout = render(body.apply(d.format()));
            } else {
                Body b = body.apply(d.format());
                files.put(d.file(), b::writeTo);
            }
        }
        AtomicOutput.writeAll(files);
        if (toStdout != null) {
            emit(toStdout, null, out);
        }
        return java.util.List.copyOf(files.keySet());
    }

    static void emit(byte[] report, Path output, PrintWriter out) {
        if (output == null) {
            out.print(new String(report, StandardCharsets.UTF_8));
            out.flush();
        } else {
            AtomicOutput.write(output, report);
        }
    }
}
