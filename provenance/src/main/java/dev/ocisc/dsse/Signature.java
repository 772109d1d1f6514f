package dev.ocisc.dsse;

/**
 * One signature of an envelope.
 *
 * @param keyid which key made it (hex SHA-256 of the public key's DER for ours), empty when the signer named none
 * @param sig   the raw signature: ASN.1 DER for ECDSA, 64 bytes for Ed25519
 */
public record Signature(String keyid, byte[] sig) {
    public Signature {
        keyid = keyid == null ? "" : keyid;
        sig = sig.clone();
    }

    @Override
    public byte[] sig() {
        return sig.clone();
    }
}
