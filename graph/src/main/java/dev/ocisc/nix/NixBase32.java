package dev.ocisc.nix;

/**
 * Nix's base-32: its own alphabet (no e, o, u, t) and its own bit order, least significant digit last in the
 * string but taken from the start of the byte array. Store path hash parts and database NAR hashes use it.
 */
public final class NixBase32 {
    private static final String ALPHABET = "0123456789abcdfghijklmnpqrsvwxyz";
    /** Digit of each character below 128, -1 for characters outside the alphabet. */
    private static final byte[] DIGITS = new byte[128];

    static {
        java.util.Arrays.fill(DIGITS, (byte) -1);
        for (int i = 0; i < ALPHABET.length(); i++) {
            DIGITS[ALPHABET.charAt(i)] = (byte) i;
        }
    }

    private NixBase32() {
    }

    public static int encodedLength(int bytes) {
        return (bytes * 8 - 1) / 5 + 1;
    }

    public static String encode(byte[] bytes) {
        int len = encodedLength(bytes.length);
        StringBuilder s = new StringBuilder(len);
        for (int n = len - 1; n >= 0; n--) {
            int b = n * 5;
            int i = b / 8;
            int j = b % 8;
            int c = (bytes[i] & 0xff) >> j;
            if (i + 1 < bytes.length) {
                c |= (bytes[i + 1] & 0xff) << (8 - j);
            }
            s.append(ALPHABET.charAt(c & 0x1f));
        }
        return s.toString();
    }

    /** Decodes {@code s} into {@code bytes} bytes; throws IllegalArgumentException on a bad character. */
    public static byte[] decode(String s, int bytes) {
        if (s.length() != encodedLength(bytes)) {
            throw new IllegalArgumentException("expected " + encodedLength(bytes) + " base-32 characters, got "
                    + s.length());
        }
        byte[] out = new byte[bytes];
        for (int n = 0; n < s.length(); n++) {
            char ch = s.charAt(s.length() - n - 1);
            int digit = digit(ch);
            if (digit < 0) {
                throw new IllegalArgumentException("invalid base-32 character '" + ch + "'");
            }
            int b = n * 5;
            int i = b / 8;
            int j = b % 8;
            out[i] |= (byte) (digit << j);
            int carry = digit >> (8 - j);
            if (i + 1 < bytes) {
                out[i + 1] |= (byte) carry;
            } else if (carry != 0) {
                throw new IllegalArgumentException("base-32 value out of range");
            }
        }
        return out;
    }

    public static boolean isValid(String s) {
        return isValid(s, 0, s.length());
    }

    /** Whether {@code s[from, to)} is all base-32 digits. */
    static boolean isValid(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (digit(s.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    private static int digit(char c) {
        return c < 128 ? DIGITS[c] : -1;
    }
}
