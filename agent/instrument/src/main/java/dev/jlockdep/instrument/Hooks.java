package dev.jlockdep.instrument;

import dev.jlockdep.core.LockMode;
import dev.jlockdep.core.Validator;
import java.util.Date;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.StampedLock;

/**
 * The static methods that instrumented code calls, through {@link BootstrapBridge}'s class in
 * {@code java.lang} so that JDK classes such as {@code java.util.Vector} can call them too.
 *
 * <p>Rules: a hook never throws into the application (a fault turns the validator off); it does nothing
 * until {@link #install} and after the validator is off; around the application's own lock call it adds
 * only bookkeeping, so the application's locking behaves exactly as without the agent. Hooks whose
 * operation may block and then fail ({@code lockInterruptibly}, timed trylocks, waits) wrap the call:
 * the lock is recorded before the thread blocks, as lockdep does, and taken back if the call fails.
 */
public final class Hooks {
    private static volatile Validator validator;
    private static volatile FaultHandler faults;
    private static volatile ExecutorTracker executors;

    /** What to do with an exception thrown inside the validator. */
    public interface FaultHandler {
        void fault(Throwable t);
    }

    private Hooks() {
    }

    static void install(Validator v, FaultHandler f, ExecutorTracker e) {
        faults = f;
        executors = e;
        validator = v;
    }

    /** A fault in agent code called from the application: the validator turns off, the caller goes on. */
    static void fault(Throwable t) {
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

    private static void acquire(Object lock, int site, int mode, boolean trylock) {
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

    private static void release(Object lock, int site, int mode) {
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

    // --- memalloc scopes (methods annotated with the api's @MemallocScope) ------------------------

    public static void memallocEnter(int bits) {
        Validator v = validator;
        if (v != null) {
            try {
                v.memallocEnter(bits);
            } catch (Throwable t) {
                fault(t);
            }
        }
    }

    public static void memallocExit() {
        Validator v = validator;
        if (v != null) {
            try {
                v.memallocExit();
            } catch (Throwable t) {
                fault(t);
            }
        }
    }

    // --- thread pools and futures (see ExecutorTracker) --------------------------------------------

    /** One call into the tracker. */
    private interface TrackerCall {
        void call(ExecutorTracker tracker) throws Exception;
    }

    /** Makes the call if the tracker runs; false if it does not, or if the call failed (and was contained). */
    private static boolean track(TrackerCall c) {
        ExecutorTracker e = executors;
        if (e == null) {
            return false;
        }
        try {
            c.call(e);
            return true;
        } catch (Throwable t) {
            fault(t);
            return false;
        }
    }

    /** At the end of {@code ThreadPoolExecutor}'s constructor (and {@code ThreadPerTaskExecutor.create}). */
    public static void poolCreated(Object pool) {
        track(e -> e.poolCreated(pool));
    }

    /** At the start of {@code ThreadPoolExecutor.execute} (and where other pools queue a task). */
    public static void taskQueued(Object pool, Object task) {
        track(e -> e.taskQueued(pool, task));
    }

    /** Replaces {@code task.run()} in {@code ThreadPoolExecutor.runWorker}. */
    public static void runTask(Runnable task, Object pool, int site) {
        boolean started = track(e -> e.taskStarted(pool, task, site));
        try {
            task.run();
        } finally {
            if (started) {
                track(e -> e.taskEnded(site));
            }
        }
    }

    /** Before {@code FutureTask.run} in a {@code ThreadPerTaskExecutor}'s task. */
    public static void boundTaskStarted(Object task, int site) {
        track(e -> e.boundTaskStarted(task, site));
    }

    /** After it (FutureTask.run catches what the task throws). */
    public static void boundTaskEnded(Object task, int site) {
        track(e -> e.boundTaskEnded(site));
    }

    /** At the end of the constructor of a {@code CompletableFuture} async task. */
    public static void asyncTaskCreated(Object task) {
        track(e -> e.asyncTaskCreated(task));
    }

    /** Replaces {@code fn.get()} in {@code CompletableFuture.AsyncSupply.run}. */
    public static Object runAsyncSupplier(java.util.function.Supplier<?> fn, Object task, int site) {
        boolean started = track(e -> e.asyncTaskStarted(task, site));
        try {
            return fn.get();
        } finally {
            if (started) {
                track(e -> e.asyncTaskEnded(site));
            }
        }
    }

    /** Replaces {@code fn.run()} in {@code CompletableFuture.AsyncRun.run}. */
    public static void runAsyncRunnable(Runnable fn, Object task, int site) {
        boolean started = track(e -> e.asyncTaskStarted(task, site));
        try {
            fn.run();
        } finally {
            if (started) {
                track(e -> e.asyncTaskEnded(site));
            }
        }
    }

    /** Before {@code future.get()} or {@code join()}. */
    public static void awaitTask(Object future, int site) {
        if (future != null) {
            track(e -> e.awaitTask(future, site));
        }
    }

    /** Before {@code scope.fork(task)}: the task the scope gets instead, which holds its work item while it runs. */
    public static Object scopeFork(Object scope, Object task, int site) {
        ExecutorTracker e = executors;
        if (e == null || scope == null || !(task instanceof Callable<?> || task instanceof Runnable)) {
            return task;
        }
        try {
            return e.forked(scope, task, site);
        } catch (Throwable t) {
            fault(t);
            return task;
        }
    }

    /** Before {@code scope.join()}: a wait for each subtask forked in the scope. */
    public static void scopeJoin(Object scope, int site) {
        if (scope != null) {
            track(e -> e.scopeJoined(scope, site));
        }
    }

    // --- monitors -----------------------------------------------------------------------------

    /** Before {@code monitorenter}, and at the start of a synchronized method. */
    public static void monitorEnter(Object monitor, int site) {
        acquire(monitor, site, LockMode.EXCLUSIVE, false);
    }

    /** Before {@code monitorexit}, and wherever a synchronized method returns or throws. */
    public static void monitorExit(Object monitor, int site) {
        release(monitor, site, LockMode.EXCLUSIVE);
    }

    public static void wait(Object monitor, int site) throws InterruptedException {
        waiting(monitor, site, EventHooks.NOTIFY, () -> {
            monitor.wait();
            return null;
        });
    }

    public static void wait(Object monitor, long millis, int site) throws InterruptedException {
        waiting(monitor, site, null, () -> {
            monitor.wait(millis);
            return null;
        });
    }

    public static void wait(Object monitor, long millis, int nanos, int site) throws InterruptedException {
        waiting(monitor, site, null, () -> {
            monitor.wait(millis, nanos);
            return null;
        });
    }

    // --- java.util.concurrent.locks.Lock ---------------------------------------------------------

    /** Before {@code lock()} on a receiver statically typed as a JDK lock. */
    public static void lock(Object lock, int site) {
        acquire(lock, site, LockMode.FROM_LOCK, false);
    }

    /** Before a {@code lock()} whose receiver type is not known to be a lock (a subclass, perhaps). */
    public static void lockIfLock(Object lock, int site) {
        if (lock instanceof Lock) {
            acquire(lock, site, LockMode.FROM_LOCK, false);
        }
    }

    /** After {@code tryLock()}: a successful trylock is held but orders nothing before it. */
    public static boolean tryLock(Object lock, boolean acquired, int site) {
        if (acquired && lock instanceof Lock) {
            acquire(lock, site, LockMode.FROM_LOCK, true);
        }
        return acquired;
    }

    public static void unlock(Object lock, int site) {
        if (lock instanceof Lock) {
            release(lock, site, LockMode.FROM_LOCK);
        }
    }

    public static void lockInterruptibly(Lock lock, int site) throws InterruptedException {
        blocking(lock, site, LockMode.FROM_LOCK, () -> {
            lock.lockInterruptibly();
            return null;
        });
    }

    public static boolean tryLock(Lock lock, long time, TimeUnit unit, int site) throws InterruptedException {
        return tryLock(lock, lock.tryLock(time, unit), site);
    }

    // --- Condition -----------------------------------------------------------------------------

    public static void await(Condition c, int site) throws InterruptedException {
        waiting(c, site, EventHooks.CONDITION, () -> {
            c.await();
            return null;
        });
    }

    public static boolean await(Condition c, long time, TimeUnit unit, int site) throws InterruptedException {
        return waiting(c, site, null, () -> c.await(time, unit));
    }

    public static long awaitNanos(Condition c, long nanos, int site) throws InterruptedException {
        return waiting(c, site, null, () -> c.awaitNanos(nanos));
    }

    public static void awaitUninterruptibly(Condition c, int site) {
        Validator.WaitToken token = releaseForWait(c);
        EventHooks.waitFor(c, site, EventHooks.CONDITION);
        try {
            c.awaitUninterruptibly();
        } finally {
            reacquire(token, site);
        }
    }

    public static boolean awaitUntil(Condition c, Date deadline, int site) throws InterruptedException {
        return waiting(c, site, null, () -> c.awaitUntil(deadline));
    }

    /**
     * Records the acquisition before the thread blocks (as lockdep does, so a deadlock is reported
     * before it hangs) and takes the record back if the acquisition fails (interrupted).
     */
    private static <T> T blocking(Object lock, int site, int mode, Wait<T> acquisition) throws InterruptedException {
        acquire(lock, site, mode, false);
        boolean taken = false;
        try {
            T result = acquisition.run();
            taken = true;
            return result;
        } finally {
            if (!taken) {
                release(lock, site, mode);
            }
        }
    }

    /** A wait that may be interrupted. */
    private interface Wait<T> {
        T run() throws InterruptedException;
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
        if (eventKind != null) {
            EventHooks.waitFor(lockOrCondition, site, eventKind);
        }
        try {
            return wait.run();
        } finally {
            reacquire(token, site);
        }
    }

    private static Validator.WaitToken releaseForWait(Object lockOrCondition) {
        Validator v = validator;
        if (v == null || lockOrCondition == null) {
            return null;
        }
        try {
            return v.releaseForWait(lockOrCondition);
        } catch (Throwable t) {
            fault(t);
            return null;
        }
    }

    private static void reacquire(Validator.WaitToken token, int site) {
        Validator v = validator;
        if (v == null || token == null) {
            return;
        }
        try {
            v.reacquireAfterWait(token, site);
        } catch (Throwable t) {
            fault(t);
        }
    }

    // --- StampedLock (not reentrant; tryOptimisticRead is not an acquisition) --------------------

    public static void stampedWriteLock(Object lock, int site) {
        acquire(lock, site, LockMode.EXCLUSIVE, false);
    }

    public static void stampedReadLock(Object lock, int site) {
        acquire(lock, site, LockMode.READ, false);
    }

    public static long stampedTryWriteLock(Object lock, long stamp, int site) {
        if (stamp != 0) {
            acquire(lock, site, LockMode.EXCLUSIVE, true);
        }
        return stamp;
    }

    public static long stampedTryReadLock(Object lock, long stamp, int site) {
        if (stamp != 0) {
            acquire(lock, site, LockMode.READ, true);
        }
        return stamp;
    }

    public static long stampedWriteLockInterruptibly(StampedLock lock, int site) throws InterruptedException {
        return blocking(lock, site, LockMode.EXCLUSIVE, lock::writeLockInterruptibly);
    }

    public static long stampedReadLockInterruptibly(StampedLock lock, int site) throws InterruptedException {
        return blocking(lock, site, LockMode.READ, lock::readLockInterruptibly);
    }

    public static long stampedTryWriteLock(StampedLock lock, long time, TimeUnit unit, int site)
            throws InterruptedException {
        return stampedTryWriteLock(lock, lock.tryWriteLock(time, unit), site);
    }

    public static long stampedTryReadLock(StampedLock lock, long time, TimeUnit unit, int site)
            throws InterruptedException {
        return stampedTryReadLock(lock, lock.tryReadLock(time, unit), site);
    }

    public static void stampedUnlockWrite(StampedLock lock, long stamp, int site) {
        release(lock, site, LockMode.EXCLUSIVE);
        lock.unlockWrite(stamp);
    }

    public static void stampedUnlockRead(StampedLock lock, long stamp, int site) {
        release(lock, site, LockMode.READ);
        lock.unlockRead(stamp);
    }

    public static void stampedUnlock(StampedLock lock, long stamp, int site) {
        release(lock, site, StampedLock.isReadLockStamp(stamp) ? LockMode.READ : LockMode.EXCLUSIVE);
        lock.unlock(stamp);
    }

    public static boolean stampedTryUnlockWrite(Object lock, boolean released, int site) {
        if (released) {
            release(lock, site, LockMode.EXCLUSIVE);
        }
        return released;
    }

    public static boolean stampedTryUnlockRead(Object lock, boolean released, int site) {
        if (released) {
            release(lock, site, LockMode.READ);
        }
        return released;
    }

    // --- pseudo-locks (the api's LockdepMap) ---------------------------------------------------------

    public static void mapAcquire(Object map, int site) {
        acquire(map, site, LockMode.EXCLUSIVE, false);
    }

    public static void mapAcquireRead(Object map, int site) {
        acquire(map, site, LockMode.READ, false);
    }

    public static void mapAcquireRecursiveRead(Object map, int site) {
        acquire(map, site, LockMode.RECURSIVE_READ, false);
    }

    public static void mapRelease(Object map, int site) {
        release(map, site, LockMode.ANY);
    }

    public static void mapTouch(Object map, int site) {
        acquire(map, site, LockMode.EXCLUSIVE, false);
        release(map, site, LockMode.EXCLUSIVE);
    }

    // --- allocation sites and thread exit ---------------------------------------------------------

    /**
     * After a lock's constructor: binds it to the field it is stored in, or to its allocation site; a
     * synchronizer (a latch, a semaphore, a condition, a thread) names its event so.
     */
    public static void created(Object lock, int site) {
        Validator v = validator;
        if (v == null || lock == null) {
            return;
        }
        String event = EventHooks.kindOf(lock);
        if (event != null) {
            EventHooks.created(lock, site, event);
            return;
        }
        try {
            v.created(lock, site);
        } catch (Throwable t) {
            fault(t);
        }
    }

    /** At the start of {@code Thread.exit()}, on the ending thread: its joiners' event, then its held locks. */
    public static void threadExit() {
        Validator v = validator;
        if (v == null) {
            return;
        }
        EventHooks.threadEnds();
        try {
            v.threadExit();
        } catch (Throwable t) {
            fault(t);
        }
    }
}
