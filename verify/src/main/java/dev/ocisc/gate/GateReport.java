package dev.ocisc.gate;

import java.util.List;

/** The release gate's verdict on one image: every check that ran, in a fixed order. */
public record GateReport(String image, String form, String manifestDigest, List<Check> checks) {
    public GateReport {
        checks = List.copyOf(checks);
    }

    public boolean passed() {
        return checks.stream().allMatch(Check::passed);
    }

    /** {@code pass} or {@code fail}, as every format writes it. */
    public String verdict() {
        return passed() ? "pass" : "fail";
    }
}
