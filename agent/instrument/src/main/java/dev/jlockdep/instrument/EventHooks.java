package dev.jlockdep.instrument;

import dev.jlockdep.core.SiteRegistry;
import dev.jlockdep.core.Validator;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.Condition;

/**
 * Waits and the events that end them, as DEPT sees them (see {@link Validator#eventWait}): a latch's
 * {@code await} and {@code countDown}, a semaphore's {@code acquire} and {@code release}, a condition's
 * {@code await} and {@code signal}, a monitor's {@code wait} and {@code notify}, {@code Thread.join}
 * and the joined thread's end. Only untimed waits count: a timed one gives up, and orders nothing.
 *
 * <p>A wait is checked before the thread blocks, so a deadlock is reported before it hangs, and the
 * thread's event context starts again there: a signal it sends later depends on what it does after the
 * wait, not before.
 */
public final class EventHooks {
    static final String LATCH = "latch";
    static final String SEMAPHORE = "semaphore";
    static final String CONDITION = "condition";
    static final String NOTIFY = "notify";
    static final String THREAD = "thread";

    private static volatile Validator validator;

    private EventHooks() {
    }

    static void install(Validator v) {
        validator = v;
    }

    /**
     * Before an untimed wait for the event of {@code sync}; the thread's context starts again. Inside a
     * lock primitive (a negative site) waits and signals are its plumbing: it says with maps what they mean.
     */
    static void waitFor(Object sync, int site, String kind) {
        Validator v = validator;
        if (v == null || sync == null || site < 0) {
            return;
        }
        try {
            v.eventWait(sync, site, kind);
            v.eventContext();
        } catch (Throwable t) {
            Hooks.fault(t);
        }
    }

    /** Before the event of {@code sync} is signalled. */
    static void signal(Object sync, int site, String kind) {
        Validator v = validator;
        if (v == null || sync == null || site < 0) {
            return;
        }
        try {
            v.eventSignal(sync, site, kind);
        } catch (Throwable t) {
            Hooks.fault(t);
        }
    }

    /** After a synchronizer's constructor (or {@code newCondition()}): its event is named after its field or site. */
    static void created(Object sync, int site, String kind) {
        Validator v = validator;
        if (v == null) {
            return;
        }
        try {
            v.eventCreated(sync, site, kind);
        } catch (Throwable t) {
            Hooks.fault(t);
        }
    }

    /** The kind of event an object has, or null for an object that is no synchronizer. */
    static String kindOf(Object o) {
        return o instanceof CountDownLatch ? LATCH : o instanceof Semaphore ? SEMAPHORE
                : o instanceof Condition ? CONDITION : o instanceof Thread ? THREAD : null;
    }

    /** The ending thread's event, if it has one (it was made by instrumented code, or joined). */
    static void threadEnds() {
        Validator v = validator;
        if (v == null) {
            return;
        }
        try {
            v.knownEventSignal(Thread.currentThread(), SiteRegistry.UNKNOWN, THREAD);
        } catch (Throwable t) {
            Hooks.fault(t);
        }
    }

    // --- CountDownLatch ------------------------------------------------------------------------------

    public static void latchAwait(Object latch, int site) {
        waitFor(latch, site, LATCH);
    }

    public static void latchCountDown(Object latch, int site) {
        signal(latch, site, LATCH);
    }

    // --- Semaphore: a permit released by another thread is an event; one's own comes back in context --

    public static void semaphoreAcquire(Object semaphore, int site) {
        waitFor(semaphore, site, SEMAPHORE);
    }

    public static void semaphoreAcquire(Semaphore semaphore, int permits, int site) throws InterruptedException {
        waitFor(semaphore, site, SEMAPHORE);
        semaphore.acquire(permits);
    }

    public static void semaphoreAcquireUninterruptibly(Semaphore semaphore, int permits, int site) {
        waitFor(semaphore, site, SEMAPHORE);
        semaphore.acquireUninterruptibly(permits);
    }

    public static void semaphoreRelease(Object semaphore, int site) {
        signal(semaphore, site, SEMAPHORE);
    }

    public static void semaphoreRelease(Semaphore semaphore, int permits, int site) {
        signal(semaphore, site, SEMAPHORE);
        semaphore.release(permits);
    }

    // --- Condition and monitors (their untimed waits are in Hooks, which give up the lock first) -------

    public static void conditionSignal(Object condition, int site) {
        if (condition instanceof Condition) {
            signal(condition, site, CONDITION);
        }
    }

    public static void monitorNotify(Object monitor, int site) {
        signal(monitor, site, NOTIFY);
    }

    // --- Thread.join ---------------------------------------------------------------------------------

    /** Before a {@code join()} whose receiver may be a thread (any class may have a {@code join()}). */
    public static void threadJoin(Object thread, int site) {
        if (thread instanceof Thread) {
            waitFor(thread, site, THREAD);
        }
    }
}
