package dev.ocisc.oci;

import java.util.TreeSet;

/** Counts a layer's entries and names what it holds: store paths for Nix layers, top directories otherwise. */
public final class LayerSummarizer implements EntryHandler<LayerSummary> {
    private long entries;
    private long files;
    private long bytes;
    private int whiteouts;
    private final TreeSet<String> storePaths = new TreeSet<>();
    private final TreeSet<String> top = new TreeSet<>();

    @Override
    public void entry(TarEntry e) {
        entries++;
        if (Whiteout.is(e.fileName())) {
            whiteouts++;
            return;
        }
        if (e.type() == EntryType.FILE) {
            files++;
            bytes += e.size();
        }
        String p = e.path();
        if (p.startsWith("nix/store/")) {
            int slash = p.indexOf('/', 10);
            String sp = slash < 0 ? p : p.substring(0, slash);
            if (dev.ocisc.nix.StorePath.isStorePath("/" + sp)) {
                storePaths.add("/" + sp);
            }
        }
        if (!p.isEmpty()) {
            int slash = p.indexOf('/');
            top.add(slash < 0 ? p : p.substring(0, slash));
        }
    }

    @Override
    public LayerSummary finish() {
        return new LayerSummary(entries, files, bytes, whiteouts, storePaths.stream().toList(), top.stream().toList());
    }
}
