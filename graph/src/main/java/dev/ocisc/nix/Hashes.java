package dev.ocisc.nix;

import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/** Reads the spellings Nix uses for hashes (hex, nix-base32, SRI base64, {@code algo:} prefixes) into hex. */
public final class Hashes {
    private static final Map<String, Integer> SIZES = Map.of("md5", 16, "sha1", 20, "sha256", 32, "sha512", 64);

    private Hashes() {
    }

    /** ASCII hex digits only: Character.digit would also take other scripts' digits, which no tool writes. */
    private static boolean isHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Converts {@code value} to lowercase hex. Accepts {@code algo:<hex|base32|base64>}, SRI {@code algo-<base64>},
     * or a bare digest whose algorithm is {@code defaultAlgo}.
     */
    public static String toHex(String value, String defaultAlgo) {
        String algo = defaultAlgo;
        String digest = value;
        int colon = value.indexOf(':');
        int dash = value.indexOf('-');
        if (colon > 0 && SIZES.containsKey(value.substring(0, colon))) {
            algo = value.substring(0, colon);
            digest = value.substring(colon + 1);
        } else if (dash > 0 && SIZES.containsKey(value.substring(0, dash))) {
            algo = value.substring(0, dash);
            digest = value.substring(dash + 1);
        }
        Integer size = SIZES.get(algo);
        if (size == null) {
            throw new IllegalArgumentException("unknown hash algorithm '" + algo + "'");
        }
        if (digest.length() == size * 2 && isHex(digest)) {
            return digest.toLowerCase(Locale.ROOT);
        }
        if (digest.length() == NixBase32.encodedLength(size) && NixBase32.isValid(digest)) {
            return HexFormat.of().formatHex(NixBase32.decode(digest, size));
        }
        try {
            byte[] raw = Base64.getDecoder().decode(digest);
            if (raw.length == size) {
                return HexFormat.of().formatHex(raw);
            }
        } catch (IllegalArgumentException ignored) {
            // fall through to the error below
        }
        throw new IllegalArgumentException("not a " + algo + " digest: '" + value + "'");
    }
}
