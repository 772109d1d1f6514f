import dev.ocisc.graph.Graph;
import dev.ocisc.nix.NixTarget;
import dev.ocisc.sbom.Format;
import dev.ocisc.sbom.GraphSbom;
import dev.ocisc.sbom.NixpkgsMeta;
import dev.ocisc.sbom.Sbom;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How long each SBOM writer takes inside one JVM, one after another on one thread: the first write (cold: code
 * interpreted, then compiled) and the third (warm), for the build graph of OUT. CPU time of this thread only, so
 * that the compiler threads working beside it do not count.
 *     java -XX:+UseSerialGC -cp cli/target/ocisc.jar bench/graph/WriteTime.java OUT
 */
public class WriteTime {
    public static void main(String[] args) throws Exception {
        Graph g = new NixTarget(args[0], null).resolve(Graph.Mode.BUILDTIME);
        Sbom sbom = new GraphSbom(NixpkgsMeta.none(), null, "bench").build(g);
        var bean = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        Path dir = Files.createTempDirectory("ocisc-write");
        for (Format f : new Format[] {Format.CYCLONEDX_JSON, Format.SPDX_JSON, Format.CSV}) {
            long[] ms = new long[3];
            for (int i = 0; i < 3; i++) {
                long t = bean.getCurrentThreadCpuTime();
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(dir.resolve("out")))) {
                    f.writer().write(sbom, out);
                }
                ms[i] = (bean.getCurrentThreadCpuTime() - t) / 1_000_000;
            }
            System.out.printf("%-15s first %5d ms CPU   third %5d ms CPU   %d bytes%n", f.cliName(), ms[0], ms[2],
                    Files.size(dir.resolve("out")));
        }
    }
}
