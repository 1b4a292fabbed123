package dev.jlockdep.instrument.boot;

import java.lang.instrument.Instrumentation;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.FutureTask;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Opens to the agent the private fields that tie a lock's views and conditions to the lock (see
 * {@code JucLocks}), and a pool's tasks to what they run (see {@code WorkqueueModel}).
 */
public final class ModuleAccess {
    private ModuleAccess() {
    }

    public static void openLockInternals(Instrumentation inst) {
        Module javaBase = Object.class.getModule();
        Set<Module> agent = Set.of(ModuleAccess.class.getModule());
        inst.redefineModule(javaBase, Set.of(), Map.of(), Map.of(ReentrantLock.class.getPackageName(), agent,
                FutureTask.class.getPackageName(), agent), Set.of(), Map.of());
    }
}
