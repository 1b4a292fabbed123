package dev.jlockdep.examples.kernel;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * A task's turn is over when it waits where the model made it wait, not when it is held up for a moment
 * by a class being loaded or by the validator's own lock (which once let a workqueue run a work before
 * its flusher had said what it waits for, and the cycle closed elsewhere).
 */
class KthreadTest {
    private static StackTraceElement frame(String className, String method) {
        return new StackTraceElement(className, method, null, -1);
    }

    private static final StackTraceElement MODEL_CALL = frame("dev.jlockdep.examples.kernel.Workqueue", "await");

    @Test
    void waitsOfTheModelEndATurn() {
        StackTraceElement[] parkedByModel = {frame("jdk.internal.misc.Unsafe", "park"),
                frame("java.util.concurrent.CountDownLatch", "await"), MODEL_CALL};
        StackTraceElement[] parkedByHook = {frame("jdk.internal.misc.Unsafe", "park"),
                frame("java.util.concurrent.locks.ReentrantLock", "lock"),
                frame("dev.jlockdep.instrument.hooks.LockHooks", "lock"), frame("java.lang.$JLockdep", "lock"), MODEL_CALL};
        StackTraceElement[] waitingOnJava25 = {frame("java.lang.Object", "wait0"), frame("java.lang.Object", "wait"), MODEL_CALL};
        StackTraceElement[] modelMonitor = {MODEL_CALL, frame("dev.jlockdep.examples.md.Mddev", "md_write_start")};
        for (StackTraceElement[] s : new StackTraceElement[][] {parkedByModel, parkedByHook, waitingOnJava25, modelMonitor}) {
            assertTrue(Kthread.blockedInModel(s));
        }
    }

    @Test
    void otherWaitsDoNot() {
        StackTraceElement[] validatorsMonitor = {frame("dev.jlockdep.core.ClassBinder", "bind"),
                frame("dev.jlockdep.core.Validator", "created"), frame("dev.jlockdep.instrument.hooks.LockHooks", "created"),
                MODEL_CALL};
        StackTraceElement[] validatorParked = {frame("jdk.internal.misc.Unsafe", "park"),
                frame("java.util.concurrent.locks.ReentrantLock", "lock"), frame("dev.jlockdep.core.GraphLock", "lock"),
                frame("dev.jlockdep.instrument.hooks.LockHooks", "lock"), MODEL_CALL};
        StackTraceElement[] classLoading = {frame("java.lang.ClassLoader", "loadClass"),
                frame("jdk.internal.loader.ClassLoaders$AppClassLoader", "loadClass"), MODEL_CALL};
        for (StackTraceElement[] s : new StackTraceElement[][] {validatorsMonitor, validatorParked, classLoading, {}}) {
            assertFalse(Kthread.blockedInModel(s));
        }
    }

    /** A live task parked on a latch in the model's code ends its turn; once released, it finishes. */
    @Test
    void aTaskParkedInTheModelIsSeenBlocked() throws InterruptedException {
        CountDownLatch gate = new CountDownLatch(1);
        Thread t = Kthread.runUntilBlocked("parked", () -> {
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertTrue(Kthread.blockedInModel(t.getStackTrace()));
        gate.countDown();
        t.join();
    }
}
