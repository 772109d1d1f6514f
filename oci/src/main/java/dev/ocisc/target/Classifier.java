package dev.ocisc.target;

import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.nix.NixStore;
import dev.ocisc.nix.NixTarget;
import dev.ocisc.oci.Compression;
import dev.ocisc.oci.ImageForm;
import dev.ocisc.oci.ImageReference;
import dev.ocisc.oci.Limits;
import dev.ocisc.oci.layout.LayoutDirectory;
import dev.ocisc.oci.tar.TarHeaders;
import dev.ocisc.oci.tar.TarStream;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/** {@link Target#of}: reads a name, a link and at most a few headers, so it is cheap on any image. */
final class Classifier {
    /**
     * An image archive's first entry gives it away: image writers start with {@code oci-layout}, {@code index.json}
     * or {@code blobs/} (an OCI layout), or with {@code manifest.json}, {@code repositories} or a digest-named
     * layer (docker save, Nix's dockerTools); a file tree never does. Reading further would mean decompressing a
     * whole Nix .tar.gz to find out that a plain tar is not an image.
     */
    private static final Pattern OCI_FIRST = Pattern.compile("oci-layout|index\\.json|blobs(/.*)?");
    private static final Pattern DOCKER_FIRST = Pattern.compile(
            "manifest\\.json|repositories|[0-9a-f]{64}(\\.json|\\.tar|/.*)?");

    private Classifier() {
    }

    static Target classify(String arg, Path storeRoot) {
        if (storeRoot != null) {
            NixStore.requireRoot(storeRoot);
        }
        NixTarget nix = new NixTarget(arg, storeRoot);
        Optional<String> storePath = nix.storePath();
        if (storePath.isPresent()) {
            // Without a root the argument leads to the bytes itself (a result link is followed); under a root the
            // place Nix names is read there instead.
            Path bytes = storeRoot == null ? Path.of(arg) : NixStore.physical(storeRoot, nix.location().orElseThrow());
            return new Target.Nix(arg, storePath.get(), Files.isSymbolicLink(Path.of(arg)), content(arg, bytes));
        }
        Path path = Path.of(arg);
        if (Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return content(arg, path);
        }
        return transport(arg).or(() -> ImageReference.parse(arg).map(r -> new Target.Registry(arg, r)))
                .orElseGet(() -> content(arg, path));
    }

    /** skopeo's transports: {@code docker://REF}, {@code oci:DIR}, {@code oci-archive:FILE}, {@code docker-archive:FILE}. */
    private static Optional<Target> transport(String arg) {
        if (arg.startsWith("docker://")) {
            String ref = arg.substring("docker://".length());
            return Optional.of(ImageReference.parse(ref).map(r -> (Target) new Target.Registry(arg, r))
                    .orElseThrow(() -> new InvalidInputException(arg, "not a registry reference: docker:// takes "
                            + "REGISTRY/REPOSITORY[:TAG][@sha256:HEX], the registry named (ocisc has no default)")));
        }
        for (ImageForm form : new ImageForm[] {ImageForm.OCI_ARCHIVE, ImageForm.DOCKER_ARCHIVE, ImageForm.OCI_LAYOUT}) {
            String prefix = (form == ImageForm.OCI_LAYOUT ? "oci" : form.cliName()) + ":";
            if (arg.startsWith(prefix)) {
                String file = arg.substring(prefix.length());
                String refName = null;
                int colon = file.lastIndexOf(':');
                if (form == ImageForm.OCI_LAYOUT && !Files.exists(Path.of(file)) && colon > 0) {
                    // skopeo's oci:DIR:REF: an existing DIR with a colon in its name wins, as there
                    refName = file.substring(colon + 1);
                    file = file.substring(0, colon);
                    if (refName.isEmpty()) {
                        throw new InvalidInputException(arg, "empty image name after the directory (oci:DIR:NAME)");
                    }
                }
                Target t = content(arg, Path.of(file));
                if (refName != null && t instanceof Target.Image img && img.form() == form) {
                    t = new Target.Image(arg, img.path(), form, img.compression(), refName);
                }
                if (t instanceof Target.Image img && img.form() != form) {
                    throw InvalidInputException.worded(arg, arg + " is " + t.describe() + ", not " + form.cliName());
                }
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** What the bytes at {@code path} are, store or not. */
    static Target content(String arg, Path path) {
        if (Files.isDirectory(path)) {
            return LayoutDirectory.looksLikeLayout(path) ? new Target.Image(arg, path, ImageForm.OCI_LAYOUT,
                    Compression.NONE) : new Target.Directory(arg, path);
        }
        if (!Files.exists(path)) {
            return new Target.Missing(arg);
        }
        if (!Files.isRegularFile(path)) {
            return new Target.OtherFile(arg, path); // a pipe or a device: reading it could block or consume it
        }
        InputStream file;
        try {
            file = Files.newInputStream(path);
        } catch (IOException e) {
            throw new InvalidInputException(arg, "cannot read: " + e.getMessage());
        }
        Compression c = Compression.NONE;
        try (InputStream in = new BufferedInputStream(file)) {
            in.mark(4);
            byte[] magic = in.readNBytes(4);
            in.reset();
            c = Compression.sniff(magic, magic.length);
            InputStream body = c.open(in, Limits.defaults(), arg);
            byte[] block = body.readNBytes(512);
            if (TarHeaders.looksLikeTar(block, block.length)) {
                Optional<String> first = TarStream.firstName(new SequenceInputStream(new ByteArrayInputStream(block),
                        body), arg);
                if (first.isPresent() && OCI_FIRST.matcher(first.get()).matches()) {
                    return new Target.Image(arg, path, ImageForm.OCI_ARCHIVE, c);
                }
                if (first.isPresent() && DOCKER_FIRST.matcher(first.get()).matches()) {
                    return new Target.Image(arg, path, ImageForm.DOCKER_ARCHIVE, c);
                }
                return new Target.Tar(arg, path, c);
            }
            return c == Compression.NONE && startsLikeJson(block) ? new Target.Json(arg, path)
                    : new Target.OtherFile(arg, path);
        } catch (IOException e) {
            // A compressed stream that breaks off in its first block: say so, rather than "not an image".
            if (c != Compression.NONE) {
                throw new InvalidInputException(arg, "truncated or corrupt " + c.name().toLowerCase(java.util.Locale.ROOT)
                        + " data in its first block: " + e.getMessage());
            }
            return new Target.OtherFile(arg, path);
        }
    }

    /** A JSON document's first character, after white space and a UTF-8 byte order mark. */
    private static boolean startsLikeJson(byte[] head) {
        int i = head.length >= 3 && (head[0] & 0xff) == 0xef && (head[1] & 0xff) == 0xbb && (head[2] & 0xff) == 0xbf
                ? 3 : 0;
        while (i < head.length && (head[i] == ' ' || head[i] == '\t' || head[i] == '\n' || head[i] == '\r')) {
            i++;
        }
        return i < head.length && (head[i] == '{' || head[i] == '[');
    }
}
