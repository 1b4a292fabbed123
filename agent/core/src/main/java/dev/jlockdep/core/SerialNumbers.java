package dev.jlockdep.core;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The serial numbers of lock instances, which tell instances apart in the held stacks and in reports
 * (where the kernel prints a lock's address). Each thread numbers its new instances from a block of its
 * own, taken from one shared counter {@link #BLOCK} numbers at a time: threads that bind new objects at
 * once would otherwise all write one counter, whose cache line then moves between cores at every
 * binding. A program with one thread still numbers its instances 1, 2, 3...
 */
final class SerialNumbers {
    static final int BLOCK = 1024;

    private final AtomicLong blocks = new AtomicLong(1);
    private final ThreadStates threads;

    SerialNumbers(ThreadStates threads) {
        this.threads = threads;
    }

    /** The next serial number of the current thread's block, taking a new block when it is used up. */
    long next() {
        HeldLocks t = threads.current();
        if (t.serialsLeft == 0) {
            t.nextSerial = blocks.getAndAdd(BLOCK);
            t.serialsLeft = BLOCK;
        }
        t.serialsLeft--;
        return t.nextSerial++;
    }
}
