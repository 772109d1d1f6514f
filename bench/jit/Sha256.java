import java.security.MessageDigest;

/**
 * Hashes 512 MiB with SHA-256 three times and prints the least wall time: what the JIT mode does to the digest that
 * every image read runs (C2 compiles it to the CPU's SHA instructions; C1 has no such intrinsic).
 *     java [-XX:TieredStopAtLevel=1] bench/jit/Sha256.java
 */
public class Sha256 {
    public static void main(String[] args) throws Exception {
        byte[] buf = new byte[1 << 20];
        long best = Long.MAX_VALUE;
        for (int r = 0; r < 3; r++) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            long t = System.nanoTime();
            for (int i = 0; i < 512; i++) {
                md.update(buf);
            }
            md.digest();
            best = Math.min(best, System.nanoTime() - t);
        }
        System.out.printf("%.3f%n", best / 1e9);
    }
}
