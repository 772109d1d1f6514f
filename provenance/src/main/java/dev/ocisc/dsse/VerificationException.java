package dev.ocisc.dsse;

/** An attestation that was read but is not verified: which check failed and the values seen. Exit code 1. */
public class VerificationException extends RuntimeException {
    private final Check check;
    private final String detail;

    public VerificationException(Check check, String detail) {
        super(check.label() + ": " + detail);
        this.check = check;
        this.detail = detail;
    }

    /** The message without the check's label. */
    public String detail() {
        return detail;
    }

    public Check check() {
        return check;
    }
}
