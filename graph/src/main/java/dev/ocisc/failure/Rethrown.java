package dev.ocisc.failure;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** What a task run on another thread threw, thrown again on the thread that waits for it. */
public final class Rethrown {
    private Rethrown() {
    }

    /**
     * The future's value once its task has finished ({@link CompletableFuture#join}: an interrupt neither cuts the
     * wait short nor is lost). What the task threw is thrown as it was, not wrapped in a
     * {@link CompletionException}, so that a failure reads as if the task had run on this thread.
     */
    public static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error broke) {
                throw broke;
            }
            throw e;
        }
    }
}
