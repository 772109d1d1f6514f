package dev.ocisc.attest;

import dev.ocisc.dsse.AttestationFile;
import dev.ocisc.dsse.EnvelopeJson;
import dev.ocisc.dsse.SignedAttestation;
import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.oci.Attachment;
import dev.ocisc.oci.ImageReference;
import dev.ocisc.oci.ReadOptions;
import dev.ocisc.oci.Referrers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Pushes a signed attestation file ({@code attest attach}) to an image's registry as referrers of its manifest: a
 * file of one document as it is, each envelope of an {@code .intoto.jsonl} file as a referrer of its own.
 */
public final class AttestationAttacher {
    private final List<SignedAttestation> all;
    private final List<byte[]> documents;
    private final String type;
    /** The one DSSE envelope of a bundle, for cosign's tag; null for envelopes, each their own. */
    private final byte[] bundled;

    private AttestationAttacher(List<SignedAttestation> all, List<byte[]> documents, String type, byte[] bundled) {
        this.all = all;
        this.documents = documents;
        this.type = type;
        this.bundled = bundled;
    }

    /**
     * One document pushed.
     *
     * @param attached     what the registry now holds
     * @param artifactType the document's media type
     * @param attestation  the attestation the document carries
     */
    public record Pushed(Referrers.Attached attached, String artifactType, SignedAttestation attestation) {
        /** Whether the attestation names the image's manifest digest among its subjects. */
        public boolean namesImage() {
            return attestation.claimsSubject(attached.subject().digest().algorithm(),
                    attached.subject().digest().hex());
        }
    }

    /** Reads {@code file} whole and checked, before anything is pushed: a file that is no attestation never is. */
    public static AttestationAttacher read(Path file) {
        List<SignedAttestation> all = AttestationFile.read(file);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw InvalidInputException.unreadable(file, e);
        }
        boolean bundle = AttestationFile.isBundle(bytes, file.toString());
        List<byte[]> documents = new ArrayList<>();
        if (all.size() == 1) {
            documents.add(bytes);
        } else {
            all.forEach(a -> documents.add(EnvelopeJson.write(a.envelope())));
        }
        return new AttestationAttacher(List.copyOf(all), documents,
                bundle ? Attachment.SIGSTORE_BUNDLE : Attachment.DSSE,
                bundle ? EnvelopeJson.write(all.get(0).envelope()) : null);
    }

    /**
     * Pushes each document, handing each to {@code each} as it is pushed.
     *
     * @param created   the documents' creation time (SOURCE_DATE_EPOCH), or null for none
     * @param cosignTag whether each DSSE envelope is also added to cosign's sha256-HEX.att image
     */
    public void push(ImageReference image, ReadOptions opts, Instant created, boolean cosignTag,
            Consumer<Pushed> each) {
        for (int i = 0; i < documents.size(); i++) {
            byte[] envelope = !cosignTag ? null : bundled != null ? bundled : documents.get(i);
            Referrers.Attached a = Referrers.attach(image, opts, Attachment.made(type, documents.get(i), created),
                    envelope);
            each.accept(new Pushed(a, type, all.get(Math.min(i, all.size() - 1))));
        }
    }
}
