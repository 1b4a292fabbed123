package dev.jlockdep.it;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Two locks taken both ways, each way inside a gate lock: held exclusively by both sides (they can
 * never run at once: no deadlock), or, with "shared-gate", held for reading by both (they can: the
 * cycle is real). With "pool", no gate lock: each side is a task of one two-thread pool, whose
 * pseudo-lock both hold, and which runs them at once as readily (real too). The sides run one after
 * another, so nothing hangs.
 */
public class GatedCycle {
    private static final Object first = new Object();
    private static final Object second = new Object();
    private static final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("pool")) {
            ExecutorService pool = Executors.newFixedThreadPool(2);
            pool.submit(() -> both(first, second)).get();
            pool.submit(() -> both(second, first)).get();
            pool.shutdown();
            System.out.println("finished");
            return;
        }
        boolean sharedGate = args.length > 0 && args[0].equals("shared-gate");
        Thread forward = new Thread(() -> side(sharedGate, first, second), "forward");
        forward.start();
        forward.join();
        side(sharedGate, second, first);
        System.out.println("finished");
    }

    private static void side(boolean sharedGate, Object outer, Object inner) {
        var view = sharedGate ? gate.readLock() : gate.writeLock();
        view.lock();
        try {
            both(outer, inner);
        } finally {
            view.unlock();
        }
    }

    private static void both(Object outer, Object inner) {
        synchronized (outer) {
            synchronized (inner) {
                Thread.onSpinWait();
            }
        }
    }
}
