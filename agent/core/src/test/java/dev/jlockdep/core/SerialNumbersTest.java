package dev.jlockdep.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Serial numbers from per-thread blocks: dense on one thread, never the same on two. */
class SerialNumbersTest {
    @Test
    void oneThreadNumbersOneTwoThreeAcrossItsBlocks() {
        SerialNumbers serials = new SerialNumbers(new ThreadStates());
        for (long expected = 1; expected <= 2L * SerialNumbers.BLOCK + 3; expected++) {
            assertEquals(expected, serials.next());
        }
    }

    @Test
    void anotherThreadNumbersFromABlockOfItsOwn() throws InterruptedException {
        SerialNumbers serials = new SerialNumbers(new ThreadStates());
        assertEquals(1, serials.next());
        long[] other = new long[2];
        Thread t = new Thread(() -> {
            other[0] = serials.next();
            other[1] = serials.next();
        });
        t.start();
        t.join();
        assertEquals(1 + SerialNumbers.BLOCK, other[0]);
        assertEquals(2 + SerialNumbers.BLOCK, other[1]);
        assertEquals(2, serials.next()); // this thread's block goes on where it was
        assertEquals(3, serials.next());
    }
}
