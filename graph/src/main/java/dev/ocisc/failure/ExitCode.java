package dev.ocisc.failure;

/** The exit codes of every ocisc command (DESIGN.md). */
public final class ExitCode {
    /** Success: no drift, verified, written. */
    public static final int OK = 0;
    /** The check ran and found a problem: drift, bad signature, policy violated. */
    public static final int FOUND = 1;
    /** A command line that cannot work. */
    public static final int USAGE = 2;
    /** Bad or unreadable input; the message names the file and the problem. */
    public static final int BAD_INPUT = 3;
    /** An external tool is missing or failed. */
    public static final int TOOL_FAILED = 4;
    /** A bug in ocisc (sysexits' EX_SOFTWARE): anything thrown that is not a {@link Failure}. */
    public static final int INTERNAL = 70;

    private ExitCode() {
    }
}
