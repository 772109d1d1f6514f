package dev.ocisc.gate;

import dev.ocisc.oci.Attachment;
import dev.ocisc.oci.ImageReference;
import dev.ocisc.oci.ReadOptions;
import dev.ocisc.oci.Referrer;
import dev.ocisc.oci.Referrers;
import dev.ocisc.sbom.DeclaredComponent;
import dev.ocisc.sbom.SbomReader;
import java.util.List;
import java.util.Optional;

/**
 * The SBOM attached to an image in its registry ({@code ocisc sbom IMAGE --attach}, or any tool that attaches
 * CycloneDX or SPDX JSON as a referrer), for {@code verify image IMAGE} without {@code --sbom}. Of several, the
 * last listed: the tag schema's index lists them in the order they were attached.
 */
public final class AttachedSbom implements ImageGate.DeclaredSbom {
    private final ImageReference image;
    private final Referrer referrer;

    private AttachedSbom(ImageReference image, Referrer referrer) {
        this.image = image;
        this.referrer = referrer;
    }

    /** The attached SBOM, its bytes checked against their digest; or what was looked at when there is none. */
    public static Optional<AttachedSbom> find(ImageReference image, ReadOptions opts, List<String> looked) {
        Referrers.Found f = Referrers.find(image, opts, Attachment::isSbom);
        looked.addAll(f.looked());
        List<Referrer> all = f.referrers();
        return all.isEmpty() ? Optional.empty() : Optional.of(new AttachedSbom(image, all.get(all.size() - 1)));
    }

    @Override
    public List<DeclaredComponent> read() {
        return SbomReader.parse(referrer.bytes(), image + ": " + referrer.where());
    }

    @Override
    public String attached() {
        return referrer.where();
    }
}
