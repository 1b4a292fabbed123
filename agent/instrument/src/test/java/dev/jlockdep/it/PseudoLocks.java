package dev.jlockdep.it;

import dev.jlockdep.api.LockdepMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The api's pseudo-lock, as lockdep's fs_reclaim: an allocation that may reclaim memory touches it
 * while holding a mutex; reclaim holds it and takes the same mutex. Printed with its own name and {0:0}.
 */
public class PseudoLocks {
    private static final LockdepMap reclaimMap = new LockdepMap("fs_reclaim");
    private static final ReentrantLock allocMutex = new ReentrantLock();

    public static void main(String[] args) throws Exception {
        Threads.runInThread("worker", PseudoLocks::allocateUnderMutex);
        reclaim();
        System.out.println("finished");
    }

    static void allocateUnderMutex() {
        allocMutex.lock();
        try {
            reclaimMap.touch(); // might_alloc(GFP_KERNEL)
        } finally {
            allocMutex.unlock();
        }
    }

    static void reclaim() {
        reclaimMap.acquire();
        try {
            allocMutex.lock();
            allocMutex.unlock();
        } finally {
            reclaimMap.release();
        }
    }
}
