package dev.ocisc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ocisc.failure.ExitCode;
import dev.ocisc.failure.ExternalToolException;
import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.failure.UsageException;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

/** The one place exceptions become exit codes (DESIGN.md): each failure carries its own, anything else is a bug. */
class ExitCodeMapperTest {
    @Test
    void eachFailureEndsWithItsOwnCode() {
        assertEquals(ExitCode.USAGE, Main.exitCode(new UsageException("two formats to stdout")));
        assertEquals(ExitCode.BAD_INPUT, Main.exitCode(new InvalidInputException("x.json", "not JSON")));
        assertEquals(ExitCode.TOOL_FAILED, Main.exitCode(new ExternalToolException("nix-build failed")));
        assertEquals(ExitCode.BAD_INPUT, Main.exitCode(new UncheckedIOException(new IOException("disk"))));
        assertEquals(ExitCode.INTERNAL, Main.exitCode(new IllegalStateException("a bug")));
    }
}
