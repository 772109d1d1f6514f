package dev.ocisc.graph;

import java.util.function.Supplier;

/**
 * A value computed on a daemon thread of its own while the caller does other work: the store's facts while the
 * {@code .drv} files are read, the subjects' hashes while the dependencies are, a signing key while the graph is.
 * {@link #join} returns the value, or throws what the task threw, as if it had run on the calling thread.
 */
public final class Background<T> {
    private final Thread thread;
    private T value;
    private RuntimeException failed;
    private Error broke;

    private Background(String name, Supplier<T> task) {
        thread = new Thread(() -> {
            try {
                value = task.get();
            } catch (RuntimeException e) {
                failed = e;
            } catch (Error e) {
                broke = e;
            }
        }, name);
        thread.setDaemon(true);
    }

    /** Starts {@code task} on a thread named {@code name}. */
    public static <T> Background<T> start(String name, Supplier<T> task) {
        Background<T> b = new Background<>(name, task);
        b.thread.start();
        return b;
    }

    /**
     * The task's value, once it has finished. An interrupt does not cut the wait short (the task is ocisc's own
     * and ends by itself, and may hold a resource the caller uses next, such as the store's database); it is
     * kept for the caller.
     */
    public T join() {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (broke != null) {
            throw broke;
        }
        if (failed != null) {
            throw failed;
        }
        return value;
    }
}
