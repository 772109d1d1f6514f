package dev.ocisc.progress;

/**
 * Where long work says how far it has got: bytes of an image read, derivations parsed, runs of a rebuild. The
 * domain code only counts; the command line decides whether and how it is shown (nothing unless stderr is a
 * terminal), so no module below it knows about consoles.
 */
public interface Progress {
    /** Shows nothing and costs a virtual call. */
    Progress NONE = (label, total, unit) -> Task.NONE;

    /** What the work is counted in. */
    enum Unit {
        ITEMS,
        BYTES
    }

    /**
     * Starts a piece of work.
     *
     * @param label what is being done, a few words ("reading image")
     * @param total how many units make it complete, or negative when not known in advance
     */
    Task start(String label, long total, Unit unit);

    /** Starts a piece of work counted in items (derivations, runs). */
    default Task start(String label, long total) {
        return start(label, total, Unit.ITEMS);
    }

    /** One piece of work under way; {@link #advance} may be called from several threads at once. */
    interface Task extends AutoCloseable {
        Task NONE = new Task() {
            @Override
            public void advance(long units) {
            }

            @Override
            public void close() {
            }
        };

        void advance(long units);

        /** What part of the work is under way, shown beside the count ("control", a layer's name). */
        default void note(String what) {
        }

        /** The work is over, done or failed; the display is taken down. */
        @Override
        void close();
    }
}
