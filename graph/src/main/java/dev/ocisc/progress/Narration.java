package dev.ocisc.progress;

import java.util.function.Supplier;

/**
 * What a run says about its work besides its result: the stages it went through, what it read, what it warns of.
 * The domain code names them; the command line decides what is shown (and how), so no module below it knows about
 * consoles or verbosity.
 */
public interface Narration {
    /** Says nothing. */
    Narration NONE = new Narration() {
        @Override
        public <T> T stage(String what, Supplier<T> work) {
            return work.get();
        }

        @Override
        public void verbose(String text) {
        }

        @Override
        public void warn(String text) {
        }
    };

    /** Runs one stage of the work, {@code what} naming it in a few words ("read the graph"). */
    <T> T stage(String what, Supplier<T> work);

    /** What is being read and from where: detail for who asked for it. */
    void verbose(String text);

    /** A warning; its text may quote input. */
    void warn(String text);
}
