package dev.jlockdep.instrument.hooks;

import dev.jlockdep.core.LockMode;
import dev.jlockdep.core.Validator;
import dev.jlockdep.instrument.juc.WorkqueueModel;

/**
 * What the hooks run against, installed once when the agent starts: the validator, what to do with a
 * fault inside it, and the model of thread pools. Rules for every hook: it never throws into the
 * application (a fault turns the validator off, through {@link #fault}, and the caller goes on); it
 * does nothing before {@link #install} and after the validator is off; around the application's own
 * lock call it adds only bookkeeping, so the application's locking behaves exactly as without the agent.
 */
public final class HookRuntime {
    /** Read by every hook: a field of its own, as the lock fast paths read nothing else first. */
    private static volatile Validator validator;
    private static volatile FaultHandler faults;
    private static volatile WorkqueueModel workqueues;
    /** What runs before the first virtual thread starts, then null. */
    private static volatile Runnable beforeVirtualThreads;
    private static final Object VIRTUAL_THREADS_LOCK = new Object();

    /** What to do with an exception thrown inside the validator. */
    public interface FaultHandler {
        void fault(Throwable t);
    }

    /** A call into the validator. */
    interface Call {
        void run(Validator v) throws Exception;
    }

    /** A call into the validator that answers. */
    interface Query<T> {
        T get(Validator v) throws Exception;
    }

    /** A call into the model of thread pools. */
    interface PoolCall {
        void run(WorkqueueModel model) throws Exception;
    }

    /** A call into the model of thread pools that answers. */
    interface PoolQuery<T> {
        T get(WorkqueueModel model) throws Exception;
    }

    private HookRuntime() {
    }

    /**
     * Installs what the hooks run against; until then, and with nulls, they do nothing.
     *
     * @param model the model of thread pools, or null where this JDK's internals are not the ones it knows
     */
    public static void install(Validator v, FaultHandler f, WorkqueueModel model) {
        faults = f;
        workqueues = model;
        validator = v;
    }

    /** Has {@code work} run, as agent code, by the thread that starts the first virtual thread, before it starts it. */
    public static void beforeVirtualThreads(Runnable work) {
        beforeVirtualThreads = work;
    }

    /**
     * A virtual thread is about to start. The first start runs {@link #beforeVirtualThreads}'s work (on a
     * platform thread: no virtual thread exists yet); starts beside it wait for it.
     */
    static void virtualThreadStarting() {
        if (beforeVirtualThreads == null) {
            return;
        }
        synchronized (VIRTUAL_THREADS_LOCK) {
            Runnable work = beforeVirtualThreads;
            if (work != null) {
                try {
                    guard(v -> {
                        v.enterAgent();
                        try {
                            work.run();
                        } finally {
                            v.leaveAgent();
                        }
                    });
                } finally {
                    // Only now: a start beside this one that read it set waits on the lock until the work is done.
                    beforeVirtualThreads = null;
                }
            }
        }
    }

    /** A fault in agent code called from the application: the validator turns off, the caller goes on. */
    public static void fault(Throwable t) {
        Validator v = validator;
        if (v != null) {
            v.turnOff();
        }
        FaultHandler f = faults;
        if (f != null) {
            try {
                f.fault(t);
            } catch (Throwable alsoFailed) {
                // Saying it failed too (out of memory, a closed stream): the validator is off all the same.
            }
        }
    }

    /**
     * The fault guard of the hooks: makes the call if the agent runs; false if it does not, or if the
     * call failed (and was contained). Small enough to inline, so the lambda costs no allocation.
     */
    static boolean guard(Call call) {
        Validator v = validator;
        if (v == null) {
            return false;
        }
        try {
            call.run(v);
            return true;
        } catch (Throwable t) {
            fault(t);
            return false;
        }
    }

    /** As {@link #guard(Call)}, for a call that answers; {@code otherwise} without the agent or on a fault. */
    static <T> T guard(Query<T> query, T otherwise) {
        Validator v = validator;
        if (v == null) {
            return otherwise;
        }
        try {
            return query.get(v);
        } catch (Throwable t) {
            fault(t);
            return otherwise;
        }
    }

    /** As {@link #guard(Call)}, into the model of thread pools (absent on a JDK it does not know). */
    static boolean guardPools(PoolCall call) {
        WorkqueueModel m = workqueues;
        if (m == null) {
            return false;
        }
        try {
            call.run(m);
            return true;
        } catch (Throwable t) {
            fault(t);
            return false;
        }
    }

    /** As {@link #guardPools(PoolCall)}, for a call that answers; {@code otherwise} without the model or on a fault. */
    static <T> T guardPools(PoolQuery<T> query, T otherwise) {
        WorkqueueModel m = workqueues;
        if (m == null) {
            return otherwise;
        }
        try {
            return query.get(m);
        } catch (Throwable t) {
            fault(t);
            return otherwise;
        }
    }

    // The lock fast paths: the guard written out, so that an acquisition costs one static read before
    // the validator's own fast path, whatever the JIT decides about lambdas.

    static void acquire(Object lock, int site, int mode, boolean trylock) {
        Validator v = validator;
        if (v == null || lock == null) {
            return;
        }
        try {
            v.acquire(lock, site, mode, 0, trylock);
        } catch (Throwable t) {
            fault(t);
        }
    }

    /** {@link Validator#acquiredAgain}: true also when there is nothing to record, or it failed. */
    static boolean acquiredAgain(Object lock, int site, int mode) {
        Validator v = validator;
        if (v == null || lock == null) {
            return true;
        }
        try {
            return v.acquiredAgain(lock, site, mode);
        } catch (Throwable t) {
            fault(t);
            return true;
        }
    }

    /** {@link Validator#releasedAtTop}: true also when there is nothing to record, or it failed. */
    static boolean releasedAtTop(Object lock, int site, int mode) {
        Validator v = validator;
        if (v == null || lock == null) {
            return true;
        }
        try {
            return v.releasedAtTop(lock, site, mode);
        } catch (Throwable t) {
            fault(t);
            return true;
        }
    }

    static void release(Object lock, int site, int mode) {
        Validator v = validator;
        if (v == null || lock == null) {
            return;
        }
        try {
            v.release(lock, site, mode);
        } catch (Throwable t) {
            fault(t);
        }
    }

    static void validateBeforeBlocking(Object lock, int site) {
        Validator v = validator;
        if (v == null || lock == null) {
            return;
        }
        try {
            v.validateBeforeBlocking(lock, site);
        } catch (Throwable t) {
            fault(t);
        }
    }

    static void sectionEntered(Object monitor, int site) {
        Validator v = validator;
        if (v == null || monitor == null) {
            return;
        }
        try {
            v.sectionEntered(monitor, site);
        } catch (Throwable t) {
            fault(t);
        }
    }

    static void callingPrimitive(int site) {
        Validator v = validator;
        if (v == null) {
            return;
        }
        try {
            v.callingPrimitive(site);
        } catch (Throwable t) {
            fault(t);
        }
    }

    static void constructing(int id, Object maker) {
        Validator v = validator;
        if (v == null) {
            return;
        }
        try {
            v.constructing(id, maker);
        } catch (Throwable t) {
            fault(t);
        }
    }

    /** A lock taken and released at once, as lockdep's lock_map_acquire/release pair around nothing. */
    static void touch(Object lock, int site) {
        acquire(lock, site, LockMode.EXCLUSIVE, false);
        release(lock, site, LockMode.EXCLUSIVE);
    }
}
