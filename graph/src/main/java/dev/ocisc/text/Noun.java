package dev.ocisc.text;

/**
 * A noun that agrees with a count, for every count a report prints: one place, so that no report says
 * "1 differences" and no writer spells out its own {@code n == 1 ? ... : ...}.
 */
public record Noun(String singular, String plural) {
    /** A noun whose plural adds an "s". */
    public static Noun of(String singular) {
        return new Noun(singular, singular + "s");
    }

    /** The count and the noun: "1 layer", "0 layers", "2 layers". */
    public String count(long n) {
        return n + " " + (n == 1 ? singular : plural);
    }
}
