package dev.jlockdep.instrument.hooks;

import dev.jlockdep.core.EventKinds;
import dev.jlockdep.core.LockMode;
import dev.jlockdep.core.Validator;
import java.util.Date;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;

/**
 * Monitors, {@code java.util.concurrent.locks.Lock} and {@code Condition}, {@code Object.wait}, new
 * locks and a thread's end: the hooks rewritten code calls (see {@link HookRuntime} for their rules).
 * Hooks whose operation may block and then fail ({@code lockInterruptibly}, waits) wrap the call: the
 * lock is recorded before the thread blocks, as lockdep does, and taken back if the call fails.
 */
@SuppressWarnings("WaitNotInLoop") // the application's own waits, passed through: its loops are its own
public final class LockHooks {
    public static final HookRef MONITOR_ENTER = HookRef.of(LockHooks.class, "monitorEnter", Object.class, int.class);
    public static final HookRef MONITOR_EXIT = HookRef.of(LockHooks.class, "monitorExit", Object.class, int.class);
    public static final HookRef MONITOR_ENTER_SECTION = HookRef.of(LockHooks.class, "monitorEnterSection", Object.class,
            int.class);
    public static final HookRef SYNCHRONIZED_CALL = HookRef.of(LockHooks.class, "synchronizedCall", Object.class,
            int.class);
    public static final HookRef MAYBE_SYNCHRONIZED_CALL = HookRef.of(LockHooks.class, "maybeSynchronizedCall",
            Object.class, int.class, int.class);
    public static final HookRef WAIT = HookRef.of(LockHooks.class, "wait", Object.class, int.class);
    public static final HookRef WAIT_TIMED = HookRef.of(LockHooks.class, "wait", Object.class, long.class, int.class);
    public static final HookRef WAIT_TIMED_NANOS = HookRef.of(LockHooks.class, "wait", Object.class, long.class,
            int.class, int.class);
    public static final HookRef LOCK = HookRef.of(LockHooks.class, "lock", Object.class, int.class);
    public static final HookRef LOCK_SECTION = HookRef.of(LockHooks.class, "lockSection", Object.class, int.class);
    public static final HookRef LOCK_IF_LOCK = HookRef.of(LockHooks.class, "lockIfLock", Object.class, int.class);
    public static final HookRef TRY_LOCK = HookRef.of(LockHooks.class, "tryLock", Object.class, boolean.class,
            int.class);
    public static final HookRef TRY_LOCK_TIMED = HookRef.of(LockHooks.class, "tryLock", Lock.class, long.class,
            TimeUnit.class, int.class);
    public static final HookRef UNLOCK = HookRef.of(LockHooks.class, "unlock", Object.class, int.class);
    public static final HookRef LOCK_INTERRUPTIBLY = HookRef.of(LockHooks.class, "lockInterruptibly", Lock.class,
            int.class);
    public static final HookRef AWAIT = HookRef.of(LockHooks.class, "await", Condition.class, int.class);
    public static final HookRef AWAIT_TIMED = HookRef.of(LockHooks.class, "await", Condition.class, long.class,
            TimeUnit.class, int.class);
    public static final HookRef AWAIT_NANOS = HookRef.of(LockHooks.class, "awaitNanos", Condition.class, long.class,
            int.class);
    public static final HookRef AWAIT_UNINTERRUPTIBLY = HookRef.of(LockHooks.class, "awaitUninterruptibly",
            Condition.class, int.class);
    public static final HookRef AWAIT_UNTIL = HookRef.of(LockHooks.class, "awaitUntil", Condition.class, Date.class,
            int.class);
    public static final HookRef CREATED = HookRef.of(LockHooks.class, "created", Object.class, int.class);
    public static final HookRef CONSTRUCTED = HookRef.of(LockHooks.class, "constructed", Object.class);
    public static final HookRef CLASS_LOADING_LOCK = HookRef.of(LockHooks.class, "classLoadingLock", Object.class,
            Object.class, int.class);
    public static final HookRef CLASS_LOADING_UNLOCK = HookRef.of(LockHooks.class, "classLoadingUnlock", Object.class,
            Object.class, int.class);
    public static final HookRef CALLING_PRIMITIVE = HookRef.of(LockHooks.class, "callingPrimitive", int.class);
    public static final HookRef CONSTRUCTING = HookRef.of(LockHooks.class, "constructing", int.class, Object.class);
    public static final HookRef THREAD_EXIT = HookRef.of(LockHooks.class, "threadExit");
    public static final HookRef VIRTUAL_THREAD_STARTING = HookRef.of(LockHooks.class, "virtualThreadStarting");

    private LockHooks() {
    }

    // --- monitors -----------------------------------------------------------------------------

    /** Before {@code monitorenter}, and at the start of a synchronized method. */
    @Hook(fast = "monitorEnteredAgain")
    public static void monitorEnter(Object monitor, int site) {
        HookRuntime.acquire(monitor, site, LockMode.EXCLUSIVE, false);
    }

    /** {@link #monitorEnter}'s fast path: a loop's repeat. */
    public static boolean monitorEnteredAgain(Object monitor, int site) {
        return HookRuntime.acquiredAgain(monitor, site, LockMode.EXCLUSIVE);
    }

    /**
     * {@link #monitorEnter} in a class that waits or notifies: the critical section is also told as one,
     * so that a notify knows the section that began what it ends.
     */
    @Hook
    public static void monitorEnterSection(Object monitor, int site) {
        HookRuntime.acquire(monitor, site, LockMode.EXCLUSIVE, false);
        HookRuntime.sectionEntered(monitor, site);
    }

    /**
     * Before a call of a synchronized method of a JDK class, which cannot be reshaped: its monitor is
     * validated before the JVM can block on it, and recorded when the method starts, as before.
     */
    @Hook
    public static void synchronizedCall(Object receiver, int site) {
        HookRuntime.validateBeforeBlocking(receiver, site);
    }

    /**
     * Before a call through an interface, inside a JDK synchronized class, whose receiver may be such a
     * class ({@code Hashtable.equals} calls {@code t.size()} on the other map): as {@link #synchronizedCall}
     * when the method that runs is synchronized.
     */
    @Hook
    public static void maybeSynchronizedCall(Object receiver, int method, int site) {
        if (SynchronizedMethods.mayBe(receiver) && SynchronizedMethods.is(receiver.getClass(), method)) {
            HookRuntime.validateBeforeBlocking(receiver, site);
        }
    }

    /** Before {@code ClassLoader.loadClass} takes its class-loading lock: the loader, or its lock for one name. */
    @Hook
    public static void classLoadingLock(Object lock, Object loader, int site) {
        if (lock != null) {
            HookRuntime.guard(v -> v.classLoadingLock(lock, loader, site));
        }
    }

    /** Before {@code ClassLoader.loadClass} releases its class-loading lock. */
    @Hook
    public static void classLoadingUnlock(Object lock, Object loader, int site) {
        if (lock != null) {
            HookRuntime.guard(v -> v.classLoadingUnlock(lock, loader, site));
        }
    }

    /** Before {@code monitorexit}, and wherever a synchronized method returns or throws. */
    @Hook(fast = "monitorExitedAtTop")
    public static void monitorExit(Object monitor, int site) {
        HookRuntime.release(monitor, site, LockMode.EXCLUSIVE);
    }

    /** {@link #monitorExit}'s fast path: the innermost lock released. */
    public static boolean monitorExitedAtTop(Object monitor, int site) {
        return HookRuntime.releasedAtTop(monitor, site, LockMode.EXCLUSIVE);
    }

    @Hook
    public static void wait(Object monitor, int site) throws InterruptedException {
        waiting(monitor, site, EventKinds.NOTIFY, () -> {
            monitor.wait();
            return null;
        });
    }

    @Hook
    public static void wait(Object monitor, long millis, int site) throws InterruptedException {
        waiting(monitor, site, null, () -> {
            monitor.wait(millis);
            return null;
        });
    }

    @Hook
    public static void wait(Object monitor, long millis, int nanos, int site) throws InterruptedException {
        waiting(monitor, site, null, () -> {
            monitor.wait(millis, nanos);
            return null;
        });
    }

    // --- java.util.concurrent.locks.Lock ---------------------------------------------------------

    /** Before {@code lock()} on a receiver statically typed as a JDK lock. */
    @Hook(fast = "lockedAgain")
    public static void lock(Object lock, int site) {
        HookRuntime.acquire(lock, site, LockMode.FROM_LOCK, false);
    }

    /** {@link #lock}'s fast path: a loop's repeat. */
    public static boolean lockedAgain(Object lock, int site) {
        return HookRuntime.acquiredAgain(lock, site, LockMode.FROM_LOCK);
    }

    /**
     * {@link #lock} in a class that awaits or signals a condition: the critical section is also told as
     * one, so that a signal knows the section that began what it ends (as a monitor's notify does).
     */
    @Hook
    public static void lockSection(Object lock, int site) {
        HookRuntime.acquire(lock, site, LockMode.FROM_LOCK, false);
        HookRuntime.sectionEntered(lock, site);
    }

    /** Before a {@code lock()} whose receiver type is not known to be a lock (a subclass, perhaps). */
    @Hook
    public static void lockIfLock(Object lock, int site) {
        if (lock instanceof Lock) {
            HookRuntime.acquire(lock, site, LockMode.FROM_LOCK, false);
        }
    }

    /**
     * Before a call of a lock wrapper's primitive ({@code AutoLock.lock()}) from {@code site}: the lock
     * operation inside it is recorded at that call.
     */
    @Hook
    public static void callingPrimitive(int site) {
        HookRuntime.callingPrimitive(site);
    }

    /**
     * Around the constructor call of a lock wrapper made at construction {@code id} by {@code maker}'s code
     * ({@code this} there, or null), then with 0 and null after it.
     */
    @Hook
    public static void constructing(int id, Object maker) {
        HookRuntime.constructing(id, maker);
    }

    /** After {@code tryLock()}: a successful trylock is held but orders nothing before it. */
    @Hook
    public static boolean tryLock(Object lock, boolean acquired, int site) {
        if (acquired && lock instanceof Lock) {
            HookRuntime.acquire(lock, site, LockMode.FROM_LOCK, true);
        }
        return acquired;
    }

    @Hook(fast = "unlockedAtTop")
    public static void unlock(Object lock, int site) {
        if (lock instanceof Lock) {
            HookRuntime.release(lock, site, LockMode.FROM_LOCK);
        }
    }

    /** {@link #unlock}'s fast path: the innermost lock released (what is not a lock has nothing to release). */
    public static boolean unlockedAtTop(Object lock, int site) {
        return !(lock instanceof Lock) || HookRuntime.releasedAtTop(lock, site, LockMode.FROM_LOCK);
    }

    @Hook
    public static void lockInterruptibly(Lock lock, int site) throws InterruptedException {
        blocking(lock, site, LockMode.FROM_LOCK, () -> {
            lock.lockInterruptibly();
            return null;
        });
    }

    @Hook
    public static boolean tryLock(Lock lock, long time, TimeUnit unit, int site) throws InterruptedException {
        return tryLock(lock, lock.tryLock(time, unit), site);
    }

    // --- Condition -----------------------------------------------------------------------------

    @Hook
    public static void await(Condition c, int site) throws InterruptedException {
        waiting(c, site, EventKinds.CONDITION, () -> {
            c.await();
            return null;
        });
    }

    @Hook
    public static boolean await(Condition c, long time, TimeUnit unit, int site) throws InterruptedException {
        return waiting(c, site, null, () -> c.await(time, unit));
    }

    @Hook
    public static long awaitNanos(Condition c, long nanos, int site) throws InterruptedException {
        return waiting(c, site, null, () -> c.awaitNanos(nanos));
    }

    @Hook
    public static void awaitUninterruptibly(Condition c, int site) {
        Validator.WaitToken token = releaseForWait(c);
        EventHooks.waitFor(c, site, EventKinds.CONDITION);
        try {
            c.awaitUninterruptibly();
        } finally {
            reacquire(token, site);
        }
    }

    @Hook
    public static boolean awaitUntil(Condition c, Date deadline, int site) throws InterruptedException {
        return waiting(c, site, null, () -> c.awaitUntil(deadline));
    }

    /** A wait that may be interrupted. */
    interface Wait<T> {
        T run() throws InterruptedException;
    }

    /**
     * Records the acquisition before the thread blocks (as lockdep does, so a deadlock is reported
     * before it hangs) and takes the record back if the acquisition fails (interrupted).
     */
    static <T> T blocking(Object lock, int site, int mode, Wait<T> acquisition) throws InterruptedException {
        HookRuntime.acquire(lock, site, mode, false);
        boolean taken = false;
        try {
            T result = acquisition.run();
            taken = true;
            return result;
        } finally {
            if (!taken) {
                HookRuntime.release(lock, site, mode);
            }
        }
    }

    /**
     * Gives up the lock of {@code lockOrCondition} for the wait and takes it back after, also when the
     * wait throws (the JDK has taken the lock back by then too); an untimed wait ({@code eventKind} not
     * null) is a wait for the monitor's or condition's event. Waits block: the lambda costs nothing
     * that matters.
     */
    private static <T> T waiting(Object lockOrCondition, int site, String eventKind, Wait<T> wait)
            throws InterruptedException {
        Validator.WaitToken token = releaseForWait(lockOrCondition);
        if (token != null) {
            HookRuntime.guard(v -> v.validateRetake(token, site)); // before the wait, which may not end
        }
        if (eventKind != null) {
            EventHooks.waitFor(lockOrCondition, site, eventKind);
        }
        try {
            return wait.run();
        } finally {
            if (eventKind != null) {
                HookRuntime.guard(Validator::waitEnds);
            }
            reacquire(token, site);
        }
    }

    private static Validator.WaitToken releaseForWait(Object lockOrCondition) {
        return lockOrCondition == null ? null : HookRuntime.guard(v -> v.releaseForWait(lockOrCondition), null);
    }

    private static void reacquire(Validator.WaitToken token, int site) {
        if (token != null) {
            HookRuntime.guard(v -> v.reacquireAfterWait(token, site));
        }
    }

    // --- new locks and a thread's end ------------------------------------------------------------

    /**
     * After a lock's constructor: binds it to the field it is stored in, or to its allocation site; a
     * synchronizer (a latch, a semaphore, a condition, a thread) names its event so.
     */
    @Hook
    public static void created(Object lock, int site) {
        if (lock == null) {
            return;
        }
        String event = EventHooks.kindOf(lock);
        if (event != null) {
            EventHooks.created(lock, site, event);
        } else {
            HookRuntime.guard(v -> v.created(lock, site));
        }
    }

    /**
     * At the end of a constructor of a class with synchronized methods: an object made while its thread
     * holds another of its class is bound as made under it.
     */
    @Hook
    public static void constructed(Object object) {
        HookRuntime.guard(v -> v.constructed(object));
    }

    /** At the start of {@code Thread.exit()}, on the ending thread: its joiners' event, then its held locks. */
    @Hook
    public static void threadExit() {
        EventHooks.threadEnds();
        HookRuntime.guard(Validator::threadExit);
    }

    /** At the start of {@code VirtualThread.start(ThreadContainer)}, on the starting thread. */
    @Hook
    public static void virtualThreadStarting() {
        HookRuntime.virtualThreadStarting();
    }
}
