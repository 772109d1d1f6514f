import dev.ocisc.graph.Graph;
import dev.ocisc.nix.NixTarget;

/**
 * How long reading the graph takes inside one JVM, without JVM start and output: the first load (cold: classes
 * loading, code interpreted) and the third (warm). java -cp cli/target/ocisc.jar bench/graph/LoadTime.java OUT
 */
public class LoadTime {
    public static void main(String[] args) {
        for (Graph.Mode mode : Graph.Mode.values()) {
            long[] ms = new long[3];
            int nodes = 0;
            for (int i = 0; i < 3; i++) {
                long t = System.nanoTime();
                Graph g = new NixTarget(args[0], null).resolve(mode);
                ms[i] = (System.nanoTime() - t) / 1_000_000;
                nodes = g.nodes().size();
            }
            System.out.printf("%-9s %6d nodes  first load %5d ms   third load %5d ms%n", mode, nodes, ms[0], ms[2]);
        }
    }
}
