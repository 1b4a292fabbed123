package dev.jlockdep.bench;

import java.util.concurrent.locks.Lock;
import java.util.function.IntFunction;

/**
 * Locks a benchmark thread takes before its measured pair and keeps for the whole iteration, so the
 * pair is measured with that many locks already held: a checker whose cost grows with the held locks
 * shows it here. Each is made by {@code make} with its own index (its own lock class: locks of one
 * class nested in each other would be recursive locking).
 */
final class HeldBefore {
    private final Lock[] locks;

    HeldBefore(int count, IntFunction<Lock> make) {
        locks = new Lock[count];
        for (int i = 0; i < count; i++) {
            locks[i] = make.apply(i);
        }
    }

    void takeAll() {
        for (Lock l : locks) {
            l.lock();
        }
    }

    void releaseAll() {
        for (int i = locks.length - 1; i >= 0; i--) {
            locks[i].unlock();
        }
    }
}
