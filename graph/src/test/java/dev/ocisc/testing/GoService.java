package dev.ocisc.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference Go service of testdata/go (hello-svc, built as buildGoModule builds, by Debian's golang-go inside
 * Nix), built on first use in a test run and then taken from the store Nix keeps it in; and Go's own account of
 * a binary ({@code go version -m}), the ground truth the catalogers are checked against.
 */
public final class GoService {
    private static String out;
    private static String modules;

    private GoService() {
    }

    /** The service's out path ({@code /nix/store/...-hello-svc-0.3.1}). */
    public static synchronized String build() {
        Tools.require("go");
        if (out == null) {
            out = NixBuild.build(TestData.path("go"), "hello-svc");
        }
        return out;
    }

    /** The fixed-output vendor directory ({@code /nix/store/...-hello-svc-0.3.1-go-modules}). */
    public static synchronized String goModules() {
        Tools.require("go");
        if (modules == null) {
            modules = NixBuild.build(TestData.path("go"), "goModules");
        }
        return modules;
    }

    /** The binary in the store. */
    public static Path binary() {
        return Path.of(build(), "bin/hello-svc");
    }

    /**
     * The service's run-time closure as dockerTools.buildLayeredImage lays it out (one layer per store path,
     * testdata/oci/make-nix-image.py), written to {@code out} ({@code .tar.gz}: compressed as a whole, as Nix does).
     */
    public static Path image(Path out) {
        Tools.require("nix-store");
        Tools.require("python3");
        String closure = Tools.check(null, "nix-store", "-qR", build());
        try {
            Path list = java.nio.file.Files.createTempFile(out.getParent(), "closure", ".txt");
            java.nio.file.Files.writeString(list, closure);
            Tools.check(null, "python3", TestData.path("oci/make-nix-image.py").toString(), "/", list.toString(),
                    out.toString(), "--app", "hello-svc-0.3.1");
            java.nio.file.Files.delete(list);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }

    /** A module line of {@code go version -m}: {@code mod} or {@code dep}, and what replaced it. */
    public record GoLine(String kind, String path, String version, String sum, String replacedBy) {
    }

    /** The {@code mod} and {@code dep} lines {@code go version -m} prints for {@code binary}, with their {@code =>}. */
    public static List<GoLine> goVersionM(Path binary) {
        Tools.require("go");
        String text = Tools.check(null, "go", "version", "-m", binary.toString());
        List<GoLine> lines = new ArrayList<>();
        for (String l : text.split("\n")) {
            String[] f = l.strip().split("\t", -1);
            if ((f[0].equals("mod") || f[0].equals("dep")) && f.length >= 3) {
                lines.add(new GoLine(f[0], f[1], f[2], f.length > 3 ? f[3] : "", null));
            } else if (f[0].equals("=>") && !lines.isEmpty()) {
                GoLine last = lines.remove(lines.size() - 1);
                lines.add(new GoLine(last.kind(), last.path(), last.version(), last.sum(),
                        f[1] + (f.length > 2 && !f[2].isEmpty() ? " " + f[2] : "")));
                // (the replacement's own sum, f[3], is what ocisc records as the module's hash)
            }
        }
        return lines;
    }
}
