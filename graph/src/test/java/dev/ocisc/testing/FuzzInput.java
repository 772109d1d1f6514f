package dev.ocisc.testing;

import dev.ocisc.failure.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The contract every fuzz target checks: whatever the bytes, ocisc answers with a result or
 * {@link InvalidInputException} (exit 3, one line). Anything else thrown, a hang or running out of memory is a
 * finding.
 */
public final class FuzzInput {
    /** What a target does with the input; may throw what the target's own contract allows. */
    @FunctionalInterface
    public interface Reader {
        void read() throws Exception;
    }

    /** What a target does with the input written to a file. */
    @FunctionalInterface
    public interface FileReader {
        void read(Path file) throws Exception;
    }

    private FuzzInput() {
    }

    /** Runs {@code reader}; bad input, reported as such, is an answer. */
    public static void answer(Reader reader) throws Exception {
        try {
            reader.read();
        } catch (InvalidInputException expected) {
            // bad input, reported as such
        }
    }

    /** Writes {@code data} to a temporary file named {@code *suffix}, as a user would hand it over, and reads it. */
    public static void asFile(byte[] data, String suffix, FileReader reader) throws Exception {
        Path file = Files.createTempFile("ocisc-fuzz", suffix);
        try {
            Files.write(file, data);
            answer(() -> reader.read(file));
        } finally {
            try {
                Files.delete(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
