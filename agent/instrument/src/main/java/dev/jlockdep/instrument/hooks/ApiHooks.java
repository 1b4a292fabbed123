package dev.jlockdep.instrument.hooks;

import dev.jlockdep.core.LockMode;
import dev.jlockdep.core.Validator;
import dev.jlockdep.core.WaitType;
import dev.jlockdep.core.model.ClassKey;
import dev.jlockdep.report.TextSplat;
import java.util.Comparator;

/**
 * What the public api's methods do when the agent runs: each hook here has the name and descriptor of
 * the api method it stands for (in {@code Lockdep}, or the kernel models' {@code TaskContext}), whose
 * body becomes a call to it; and the entry and exit of a method annotated {@code @MemallocScope}.
 */
public final class ApiHooks {
    public static final HookRef MEMALLOC_ENTER = HookRef.of(ApiHooks.class, "memallocEnter", int.class);
    public static final HookRef MEMALLOC_EXIT = HookRef.of(ApiHooks.class, "memallocExit");

    private ApiHooks() {
    }

    @Hook
    public static Object setClass(Object lock, String name) {
        return setClass(lock, name, WaitType.SLEEP.level);
    }

    @Hook
    public static Object setClass(Object lock, String name, int waitType) {
        if (lock != null && name != null) {
            WaitType type = waitType == WaitType.SPIN.level ? WaitType.SPIN : WaitType.SLEEP;
            HookRuntime.guard(v -> v.name(lock, ClassKey.named(name), name, type));
        }
        return lock;
    }

    @Hook
    public static void registerMap(Object map, String key, String name) {
        if (map != null && key != null && name != null) {
            HookRuntime.guard(v -> v.name(map, ClassKey.map(key), name, WaitType.NONE));
        }
    }

    @Hook
    public static Object nested(Object lock, int subclass) {
        if (lock != null) {
            HookRuntime.guard(v -> v.nestNext(lock, subclass));
        }
        return lock;
    }

    @Hook
    @SuppressWarnings("unchecked") // the api's signature ties the comparator to the lock's type
    public static Object setOrder(Object lock, Comparator<?> order) {
        if (lock != null && order != null) {
            HookRuntime.guard(v -> v.declareOrder(lock, (Comparator<Object>) order));
        }
        return lock;
    }

    @Hook
    public static Object setOrderParentFirst(Object lock) {
        if (lock != null) {
            HookRuntime.guard(v -> v.declareParentFirst(lock));
        }
        return lock;
    }

    @Hook
    public static void assertHeld(Object lock) {
        check(lock, LockMode.ANY, true, "lockdep_assert_held");
    }

    @Hook
    public static void assertHeldRead(Object lock) {
        check(lock, LockMode.READ, true, "lockdep_assert_held_read");
    }

    @Hook
    public static void assertHeldWrite(Object lock) {
        check(lock, LockMode.EXCLUSIVE, true, "lockdep_assert_held_write");
    }

    @Hook
    public static void assertNotHeld(Object lock) {
        check(lock, LockMode.ANY, false, "lockdep_assert_not_held");
    }

    private static void check(Object lock, int mode, boolean wantHeld, String assertion) {
        HookRuntime.guard(v -> v.assertHeld(lock, mode, wantHeld, assertion));
    }

    @Hook
    public static void warnOnce(String message) {
        if (message != null) {
            HookRuntime.guard(v -> v.warnOnce(message));
        }
    }

    @Hook
    public static void testStarted(String name) {
        if (name != null) {
            HookRuntime.guard(v -> v.testStarted(name));
        }
    }

    @Hook
    public static void testFinished(String name) {
        if (name != null) {
            HookRuntime.guard(v -> v.testFinished(name));
        }
    }

    @Hook
    public static boolean isActive() {
        return HookRuntime.guard(Validator::enabled, false);
    }

    @Hook
    public static int reportCount() {
        return HookRuntime.guard(Validator::reportCount, 0);
    }

    @Hook
    public static String[] reportsSince(int count) {
        return HookRuntime.guard(v -> {
            v.enterAgent();
            try {
                return v.reportsSince(count).stream().map(TextSplat::render).toArray(String[]::new);
            } finally {
                v.leaveAgent();
            }
        }, new String[0]);
    }

    // --- the kernel models' task context (api.kernel.TaskContext) and @MemallocScope ---------------

    @Hook
    public static int memallocSet(int bits, int value) {
        return HookRuntime.guard(v -> v.memallocSet(bits, value), 0);
    }

    @Hook
    public static int memallocFlags() {
        return HookRuntime.guard(Validator::memallocFlags, 0);
    }

    @Hook
    public static int irqsSet(int off) {
        return HookRuntime.guard(v -> v.irqsSet(off), 0);
    }

    @Hook
    public static int irqsOff() {
        return HookRuntime.guard(Validator::irqsOff, 0);
    }

    /** Entry of a method annotated as a memalloc scope. */
    @Hook
    public static void memallocEnter(int bits) {
        HookRuntime.guard(v -> v.memallocEnter(bits));
    }

    /** Exit (return or throw) of a method annotated as a memalloc scope. */
    @Hook
    public static void memallocExit() {
        HookRuntime.guard(Validator::memallocExit);
    }
}
