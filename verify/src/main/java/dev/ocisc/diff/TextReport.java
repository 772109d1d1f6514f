package dev.ocisc.diff;

import dev.ocisc.text.Noun;
import dev.ocisc.text.ReportText;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The human report: verdict, then one group per drift class with its cause and fix, then content diffs. Every value
 * from the inputs (names, link targets, contents) goes through {@link ReportText}: a file name cannot write to the
 * terminal or start a line of the report.
 */
public final class TextReport implements ReportWriter {
    private static final Noun PLATFORM = Noun.of("platform");
    private static final Noun LAYER = Noun.of("layer");

    @Override
    public void write(Drift d, OutputStream out) throws IOException {
        StringBuilder sb = new StringBuilder();
        boolean index = !d.platforms().isEmpty();
        side(sb, "A", d.a(), index);
        side(sb, "B", d.b(), index);
        if (index) {
            sb.append("platforms:\n");
            int width = d.platforms().stream().mapToInt(p -> ReportText.line(p.platform()).length()).max().orElse(0);
            for (Drift.PlatformDiff p : d.platforms()) {
                String platform = ReportText.line(p.platform());
                sb.append("  ").append(platform).append(" ".repeat(width - platform.length() + 2))
                        .append(ReportText.line(platformLine(p))).append('\n');
            }
        }
        sb.append("verdict: ").append(d.verdict());
        if (!d.clean()) {
            sb.append(" (").append(d.extent()).append(')');
        }
        sb.append('\n');
        if (!d.ignored().isEmpty()) {
            sb.append("ignored:");
            for (Map.Entry<DriftClass, Integer> e : d.ignored().entrySet()) {
                sb.append(' ').append(e.getKey().id()).append('=').append(e.getValue());
            }
            sb.append('\n');
        }
        for (DriftClass c : d.classes().keySet()) {
            sb.append('\n').append('[').append(c.id()).append("] ").append(c.title()).append('\n');
            sb.append("  likely cause: ").append(c.cause()).append('\n');
            sb.append("  fix: ").append(c.fix()).append('\n');
            for (Finding f : d.findings()) {
                if (f.drift() == c) {
                    sb.append("  ").append(f.path().isEmpty() ? "(archive)" : ReportText.line(f.path())).append("  ")
                            .append(ReportText.line(f.field())).append(": ").append(show(f.a())).append(" -> ")
                            .append(show(f.b()));
                    if (!f.note().isEmpty()) {
                        sb.append("  (").append(ReportText.line(f.note())).append(')');
                    }
                    sb.append('\n');
                }
            }
        }
        for (ContentDiff c : d.contents()) {
            sb.append("\ncontent of ").append(ReportText.line(c.path())).append(": ").append(c.sizeA()).append(" -> ")
                    .append(c.sizeB()).append(" bytes");
            if (c.firstDifference() >= 0) {
                sb.append(", first difference at byte ").append(c.firstDifference());
            }
            sb.append('\n').append(ReportText.block(c.text()));
        }
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** What became of one platform: its verdict, the number of findings, or the side that lacks it. */
    static String platformLine(Drift.PlatformDiff p) {
        return switch (p.verdict()) {
            case "only-in-a" -> "only in A (manifest " + p.manifestA() + ")";
            case "only-in-b" -> "only in B (manifest " + p.manifestB() + ")";
            case "drift" -> "drift (" + Drift.DIFFERENCE.count(p.findings()) + ")";
            default -> p.verdict();
        };
    }

    private static void side(StringBuilder sb, String name, Drift.Side s, boolean index) {
        sb.append(name).append(": ").append(ReportText.line(s.source())).append(" (").append(s.kind());
        if (index) {
            sb.append(", index of ").append(PLATFORM.count(s.entries())).append(", index.json sha256:")
                    .append(ReportText.line(s.digest())).append(")\n");
            return;
        }
        if (s.image()) {
            sb.append(", ").append(LAYER.count(s.entries()))
                    .append(", manifest sha256:").append(ReportText.line(s.digest())).append(", config sha256:")
                    .append(ReportText.line(s.contentDigest())).append(")\n");
            return;
        }
        if (s.digest() != null) {
            sb.append(", sha256:").append(ReportText.line(s.digest()));
        }
        if (s.contentDigest() != null && !s.contentDigest().equals(s.digest())) {
            sb.append(", uncompressed sha256:").append(ReportText.line(s.contentDigest()));
        }
        sb.append(")\n");
    }

    static String show(String v) {
        return v.isEmpty() ? "(none)" : ReportText.line(v);
    }
}
