package dev.jlockdep.it;

import java.util.concurrent.StructuredTaskScope;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Structured concurrency (a preview API of Temurin 25, run from source with --enable-preview): joining
 * a scope while holding the lock its subtask takes is a deadlock the day the subtask has not run yet.
 * Here it always ran first (the main thread spins until it is done), so nothing hangs. Arguments:
 * "join" joins under the lock (reported); "outside" joins after releasing it (silent).
 */
public class ScopeUnderLock {
    private static final Object state = new Object();
    private static int count;

    public static void main(String[] args) throws Exception {
        AtomicBoolean done = new AtomicBoolean();
        try (var scope = StructuredTaskScope.open()) {
            scope.fork(() -> {
                synchronized (state) {
                    count++;
                }
                done.set(true);
                return count;
            });
            while (!done.get()) {
                Thread.onSpinWait();
            }
            if (args[0].equals("join")) {
                synchronized (state) {
                    scope.join();
                }
            } else {
                scope.join();
            }
        }
        System.out.println("finished");
    }
}
