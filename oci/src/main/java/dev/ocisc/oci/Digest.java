package dev.ocisc.oci;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/** A content digest {@code algorithm:hex} as OCI descriptors, DiffIDs and docker-archive names use it. */
public record Digest(String algorithm, String hex) implements Comparable<Digest> {
    private static final Map<String, Integer> HEX_LENGTH = Map.of("sha256", 64, "sha512", 128);

    public Digest {
        Integer len = HEX_LENGTH.get(algorithm);
        if (len == null) {
            throw new IllegalArgumentException("unsupported digest algorithm '" + algorithm + "'");
        }
        if (hex.length() != len || !hex.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            throw new IllegalArgumentException("malformed " + algorithm + " digest '" + hex + "'");
        }
    }

    /** Parses {@code sha256:<64 lowercase hex>}; anything else is an IllegalArgumentException. */
    public static Digest parse(String s) {
        if (s == null) {
            throw new IllegalArgumentException("missing digest");
        }
        int colon = s.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("malformed digest '" + s + "'");
        }
        return new Digest(s.substring(0, colon), s.substring(colon + 1));
    }

    public static Digest sha256(byte[] raw) {
        return new Digest("sha256", HexFormat.of().formatHex(raw));
    }

    public static Digest sha256Of(byte[] content) {
        return sha256(newSha256().digest(content));
    }

    /** SHA-256 of everything {@code in} yields (read to its end, not closed). */
    public static Digest sha256Of(InputStream in) throws IOException {
        MessageDigest md = newSha256();
        byte[] buf = new byte[256 * 1024];
        int n;
        while ((n = in.read(buf)) > 0) {
            md.update(buf, 0, n);
        }
        return sha256(md.digest());
    }

    public MessageDigest newHasher() {
        try {
            return MessageDigest.getInstance(algorithm.equals("sha256") ? "SHA-256" : "SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first 12 hex digits, as {@code docker images} shows an ID. */
    public String shortHex() {
        return hex.substring(0, 12);
    }

    @Override
    public int compareTo(Digest o) {
        return toString().compareTo(o.toString());
    }

    @Override
    public String toString() {
        return algorithm + ":" + hex;
    }
}
