import dev.ocisc.oci.FileListing;
import dev.ocisc.oci.ImageReader;
import dev.ocisc.oci.LayerListing;
import dev.ocisc.oci.LayerRead;
import dev.ocisc.oci.ReadOptions;
import dev.ocisc.oci.ScannedImage;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;

/**
 * One full verified read of an image: blob digests, decompression, DiffIDs and the SHA-256 of every file,
 * layers in parallel. Prints: seconds, files hashed, uncompressed bytes, peak heap MB.
 * Run with the oci module's classpath: java -Xmx512m -cp CP ReadBench.java IMAGE [catalog]
 * With {@code catalog}, the read is the catalog's (ImageCatalog: also store paths, package databases and the
 * language catalogers' look at every file), as {@code ocisc sbom IMAGE} reads.
 */
public class ReadBench {
    public static void main(String[] args) {
        long t0 = System.nanoTime();
        long files = 0;
        long bytes = 0;
        double secs;
        if (args.length > 1 && args[1].equals("catalog")) {
            dev.ocisc.catalog.ImageCatalog c = dev.ocisc.catalog.ImageCatalog.of(Path.of(args[0]),
                    ReadOptions.defaults());
            secs = (System.nanoTime() - t0) / 1e9;
            for (var l : c.layers()) {
                files += l.result().listing().entries().stream().filter(e -> e.sha256() != null).count();
                bytes += l.uncompressedSize();
            }
        } else {
            ScannedImage<LayerListing> s = ImageReader.read(Path.of(args[0]), ReadOptions.defaults(),
                    FileListing::new);
            secs = (System.nanoTime() - t0) / 1e9;
            for (LayerRead<LayerListing> l : s.layers()) {
                files += l.result().entries().stream().filter(e -> e.sha256() != null).count();
                bytes += l.uncompressedSize();
            }
        }
        long peak = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                peak += p.getPeakUsage().getUsed();
            }
        }
        System.out.printf("%.3f %d %d %d%n", secs, files, bytes, peak >> 20);
    }
}
