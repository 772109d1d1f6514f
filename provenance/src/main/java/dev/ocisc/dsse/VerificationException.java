package dev.ocisc.dsse;

/** An attestation that was read but is not verified: which step failed and the values seen. Exit code 1. */
public class VerificationException extends RuntimeException {
    private final VerificationStep step;
    private final String detail;

    public VerificationException(VerificationStep step, String detail) {
        super(step.label() + ": " + detail);
        this.step = step;
        this.detail = detail;
    }

    /** The message without the step's label. */
    public String detail() {
        return detail;
    }

    public VerificationStep step() {
        return step;
    }
}
