package dev.jlockdep.it;

/**
 * Thread.join on a virtual thread (JDK 21 on; run from source on Temurin 25) while holding the lock the
 * virtual thread took: its end is the event, as a platform thread's. The thread has ended before the
 * join (the main thread spins until then), so nothing hangs. "join" joins under the lock (reported),
 * "outside" after releasing it (silent); "exit-holding" has a virtual thread end holding a lock.
 */
public class VirtualJoin {
    private static final Object state = new Object();
    private static int count;

    public static void main(String[] args) throws Exception {
        if (args[0].equals("exit-holding")) {
            var lock = new java.util.concurrent.locks.ReentrantLock();
            Thread.ofVirtual().start(() -> lock.lock()).join();
            System.out.println("finished");
            return;
        }
        Thread worker = Thread.ofVirtual().start(() -> {
            synchronized (state) {
                count++;
            }
        });
        while (worker.isAlive()) {
            Thread.onSpinWait();
        }
        if (args[0].equals("join")) {
            synchronized (state) {
                worker.join();
            }
        } else {
            worker.join();
        }
        System.out.println("finished");
    }
}
