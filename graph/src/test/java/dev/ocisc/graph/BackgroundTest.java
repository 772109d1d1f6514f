package dev.ocisc.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class BackgroundTest {
    @Test
    void joinReturnsTheValueComputedOnItsOwnThread() {
        Background<String> b = Background.start("ocisc-test", () -> Thread.currentThread().getName());
        assertEquals("ocisc-test", b.join());
    }

    @Test
    void joinThrowsWhatTheTaskThrew() {
        InvalidInputException thrown = new InvalidInputException("x", "bad");
        Background<String> b = Background.start("ocisc-test", () -> {
            throw thrown;
        });
        assertSame(thrown, assertThrows(InvalidInputException.class, b::join));
        assertThrows(StackOverflowError.class, Background.start("ocisc-test", () -> {
            throw new StackOverflowError();
        })::join);
    }

    /** An interrupt neither cuts the wait short nor is lost. */
    @Test
    void anInterruptWaitsForTheTaskAndIsKept() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Background<Integer> b = Background.start("ocisc-test", () -> {
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
            assertEquals(42, b.join());
            assertTrue(Thread.interrupted(), "the interrupt is kept for the caller");
        } finally {
            releaser.join();
        }
    }
}
