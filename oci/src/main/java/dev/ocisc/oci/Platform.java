package dev.ocisc.oci;

import dev.ocisc.failure.UsageException;
import java.util.Locale;

/** An image platform {@code os/architecture[/variant]} as index entries and configs give it. */
public record Platform(String os, String architecture, String variant) implements Comparable<Platform> {
    public Platform {
        variant = variant == null ? "" : variant;
    }

    /** Parses {@code os/arch[/variant]} as a user gives it ({@code --platform}); anything else is a usage error. */
    public static Platform parse(String s) {
        String[] parts = s.split("/", -1);
        if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new UsageException("platform must be os/arch[/variant], got '" + s + "'");
        }
        return new Platform(parts[0], parts[1], parts.length == 3 ? parts[2] : "");
    }

    /** The platform this JVM runs on, in Go's (and so OCI's) spelling. */
    public static Platform host() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String goArch = switch (arch) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            case "x86", "i386", "i686" -> "386";
            case "ppc64le" -> "ppc64le";
            case "s390x" -> "s390x";
            case "riscv64" -> "riscv64";
            default -> arch;
        };
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux") ? "linux"
                : System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        return new Platform(os, goArch, "");
    }

    /** True when {@code candidate} runs here: same os and arch, and same variant unless this one names none. */
    public boolean matches(Platform candidate) {
        return os.equals(candidate.os) && architecture.equals(candidate.architecture)
                && (variant.isEmpty() || variant.equals(candidate.variant));
    }

    @Override
    public int compareTo(Platform o) {
        return toString().compareTo(o.toString());
    }

    @Override
    public String toString() {
        return os + "/" + architecture + (variant.isEmpty() ? "" : "/" + variant);
    }
}
