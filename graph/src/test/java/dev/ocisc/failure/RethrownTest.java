package dev.ocisc.failure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class RethrownTest {
    private static <T> CompletableFuture<T> onItsOwnThread(Supplier<T> task) {
        return CompletableFuture.supplyAsync(task, r -> new Thread(r, "ocisc-test").start());
    }

    @Test
    void joinReturnsTheValueComputedOnItsOwnThread() {
        assertEquals("ocisc-test", Rethrown.join(onItsOwnThread(() -> Thread.currentThread().getName())));
    }

    @Test
    void joinThrowsWhatTheTaskThrewUnwrapped() {
        InvalidInputException thrown = new InvalidInputException("x", "bad");
        CompletableFuture<String> failed = onItsOwnThread(() -> {
            throw thrown;
        });
        assertSame(thrown, assertThrows(InvalidInputException.class, () -> Rethrown.join(failed)));
        CompletableFuture<String> broke = onItsOwnThread(() -> {
            throw new StackOverflowError();
        });
        assertThrows(StackOverflowError.class, () -> Rethrown.join(broke));
    }

    /** An interrupt neither cuts the wait short nor is lost. */
    @Test
    void anInterruptWaitsForTheTaskAndIsKept() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Integer> f = onItsOwnThread(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return 42;
        });
        Thread.currentThread().interrupt();
        Thread releaser = new Thread(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException ignored) {
                // released below either way
            }
            release.countDown();
        });
        releaser.start();
        try {
            assertEquals(42, Rethrown.join(f));
            assertTrue(Thread.interrupted(), "the interrupt is kept for the caller");
        } finally {
            releaser.join();
        }
    }
}
