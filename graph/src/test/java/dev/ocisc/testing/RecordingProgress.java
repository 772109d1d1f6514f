package dev.ocisc.testing;

import dev.ocisc.progress.Progress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/** Keeps what long work reported, for tests to check the counts against what was really read or run. */
public final class RecordingProgress implements Progress {
    /** One started piece of work: what it said it would count and what it did count. */
    public static final class Task implements Progress.Task {
        public final String label;
        public final long total;
        public final Unit unit;
        public final AtomicLong advanced = new AtomicLong();
        public final List<String> notes = new CopyOnWriteArrayList<>();
        public final AtomicBoolean closed = new AtomicBoolean();

        Task(String label, long total, Unit unit) {
            this.label = label;
            this.total = total;
            this.unit = unit;
        }

        @Override
        public void advance(long units) {
            if (closed.get()) {
                throw new IllegalStateException(label + ": advanced after it was closed");
            }
            advanced.addAndGet(units);
        }

        @Override
        public void note(String what) {
            notes.add(what);
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }

    public final List<Task> tasks = new CopyOnWriteArrayList<>();

    @Override
    public Task start(String label, long total, Unit unit) {
        Task t = new Task(label, total, unit);
        tasks.add(t);
        return t;
    }

    /** The only task started; fails when there were none or several. */
    public Task only() {
        if (tasks.size() != 1) {
            throw new AssertionError("expected one task, got " + tasks.size() + ": "
                    + tasks.stream().map(t -> t.label).toList());
        }
        return tasks.get(0);
    }
}
