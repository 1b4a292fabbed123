package dev.jlockdep.instrument.hooks;

import static dev.jlockdep.core.EventKinds.CONDITION;
import static dev.jlockdep.core.EventKinds.LATCH;
import static dev.jlockdep.core.EventKinds.NOTIFY;
import static dev.jlockdep.core.EventKinds.SEMAPHORE;
import static dev.jlockdep.core.EventKinds.THREAD;

import dev.jlockdep.core.SiteRegistry;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.Condition;

/**
 * Waits and the events that end them, as DEPT sees them (see {@code Validator.eventWait}): a latch's
 * {@code await} and {@code countDown}, a semaphore's {@code acquire} and {@code release}, a condition's
 * {@code await} and {@code signal}, a monitor's {@code wait} and {@code notify}, {@code Thread.join}
 * and the joined thread's end. Only untimed waits count: a timed one gives up, and orders nothing.
 *
 * <p>A wait is checked before the thread blocks, so a deadlock is reported before it hangs, and the
 * thread's event context starts again there: a signal it sends later depends on what it does after the
 * wait, not before.
 */
public final class EventHooks {
    public static final HookRef LATCH_AWAIT = HookRef.of(EventHooks.class, "latchAwait", Object.class, int.class);
    public static final HookRef LATCH_COUNT_DOWN = HookRef.of(EventHooks.class, "latchCountDown", Object.class,
            int.class);
    public static final HookRef SEMAPHORE_ACQUIRE = HookRef.of(EventHooks.class, "semaphoreAcquire", Object.class,
            int.class);
    public static final HookRef SEMAPHORE_ACQUIRE_PERMITS = HookRef.of(EventHooks.class, "semaphoreAcquire",
            Semaphore.class, int.class, int.class);
    public static final HookRef SEMAPHORE_ACQUIRE_UNINTERRUPTIBLY_PERMITS = HookRef.of(EventHooks.class,
            "semaphoreAcquireUninterruptibly", Semaphore.class, int.class, int.class);
    public static final HookRef SEMAPHORE_RELEASE = HookRef.of(EventHooks.class, "semaphoreRelease", Object.class,
            int.class);
    public static final HookRef SEMAPHORE_RELEASE_PERMITS = HookRef.of(EventHooks.class, "semaphoreRelease",
            Semaphore.class, int.class, int.class);
    public static final HookRef CONDITION_SIGNAL = HookRef.of(EventHooks.class, "conditionSignal", Object.class,
            int.class);
    public static final HookRef CONDITION_SIGNAL_ONE = HookRef.of(EventHooks.class, "conditionSignalOne",
            Object.class, int.class);
    public static final HookRef MONITOR_NOTIFY_ONE = HookRef.of(EventHooks.class, "monitorNotifyOne", Object.class,
            int.class);
    public static final HookRef MONITOR_NOTIFY = HookRef.of(EventHooks.class, "monitorNotify", Object.class,
            int.class);
    public static final HookRef THREAD_JOIN = HookRef.of(EventHooks.class, "threadJoin", Object.class, int.class);

    private EventHooks() {
    }

    /**
     * Before an untimed wait for the event of {@code sync}; the thread's context starts again. Inside a
     * lock primitive (a negative site) waits and signals are its plumbing: it says with maps what they mean.
     */
    static void waitFor(Object sync, int site, String kind) {
        if (sync != null && site >= 0) {
            HookRuntime.guard(v -> {
                v.eventWait(sync, site, kind);
                v.eventContext();
                v.waitBegins(sync, site, kind);
            });
        }
    }

    /** Before the event of {@code sync} is signalled. */
    static void signal(Object sync, int site, String kind) {
        if (sync != null && site >= 0) {
            HookRuntime.guard(v -> v.eventSignal(sync, site, kind));
        }
    }

    /** After a synchronizer's constructor (or {@code newCondition()}): its event is named after its field or site. */
    static void created(Object sync, int site, String kind) {
        HookRuntime.guard(v -> v.eventCreated(sync, site, kind));
    }

    /** The kind of event an object has, or null for an object that is no synchronizer. */
    static String kindOf(Object o) {
        return o instanceof CountDownLatch ? LATCH : o instanceof Semaphore ? SEMAPHORE
                : o instanceof Condition ? CONDITION : o instanceof Thread ? THREAD : null;
    }

    /** The ending thread's event, if it has one (it was made by instrumented code, or joined). */
    static void threadEnds() {
        HookRuntime.guard(v -> v.knownEventSignal(Thread.currentThread(), SiteRegistry.UNKNOWN, THREAD));
    }

    // --- CountDownLatch ------------------------------------------------------------------------------

    @Hook
    public static void latchAwait(Object latch, int site) {
        waitFor(latch, site, LATCH);
    }

    @Hook
    public static void latchCountDown(Object latch, int site) {
        signal(latch, site, LATCH);
    }

    // --- Semaphore: a permit released by another thread is an event; one's own comes back in context --

    @Hook
    public static void semaphoreAcquire(Object semaphore, int site) {
        waitFor(semaphore, site, SEMAPHORE);
    }

    @Hook
    public static void semaphoreAcquire(Semaphore semaphore, int permits, int site) throws InterruptedException {
        waitFor(semaphore, site, SEMAPHORE);
        semaphore.acquire(permits);
    }

    @Hook
    public static void semaphoreAcquireUninterruptibly(Semaphore semaphore, int permits, int site) {
        waitFor(semaphore, site, SEMAPHORE);
        semaphore.acquireUninterruptibly(permits);
    }

    @Hook
    public static void semaphoreRelease(Object semaphore, int site) {
        signal(semaphore, site, SEMAPHORE);
    }

    @Hook
    public static void semaphoreRelease(Semaphore semaphore, int permits, int site) {
        signal(semaphore, site, SEMAPHORE);
        semaphore.release(permits);
    }

    // --- Condition and monitors (their untimed waits are in LockHooks, which give up the lock first) ---

    @Hook
    public static void conditionSignal(Object condition, int site) {
        if (condition instanceof Condition) {
            signal(condition, site, CONDITION);
        }
    }

    @Hook
    public static void monitorNotify(Object monitor, int site) {
        signal(monitor, site, NOTIFY);
    }

    /** {@code signal()}: wakes one waiter, which must be one waiting for what came true. */
    @Hook
    public static void conditionSignalOne(Object condition, int site) {
        if (condition instanceof Condition) {
            signalOne(condition, site, CONDITION, "signal()");
        }
    }

    /** {@code notify()}: wakes one waiter, which must be one waiting for what came true. */
    @Hook
    public static void monitorNotifyOne(Object monitor, int site) {
        signalOne(monitor, site, NOTIFY, "notify()");
    }

    private static void signalOne(Object sync, int site, String kind, String call) {
        if (sync != null && site >= 0) {
            HookRuntime.guard(v -> v.eventSignalOne(sync, site, kind, call));
        }
    }

    // --- Thread.join ---------------------------------------------------------------------------------

    /** Before a {@code join()} whose receiver may be a thread (any class may have a {@code join()}). */
    @Hook
    public static void threadJoin(Object thread, int site) {
        if (thread instanceof Thread) {
            waitFor(thread, site, THREAD);
        }
    }
}
