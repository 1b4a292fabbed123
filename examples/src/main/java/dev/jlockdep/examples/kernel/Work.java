package dev.jlockdep.examples.kernel;

import dev.jlockdep.api.LockdepMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code struct work_struct}: a function to run on a workqueue. Its lockdep map,
 * {@code (work_completion)(&name)}, is held while the function runs and touched by whoever flushes it,
 * so a flusher holding a lock the function takes closes a cycle.
 */
public final class Work {
    final String func;
    final Runnable body;
    final LockdepMap lockdepMap;
    /** {@code WORK_STRUCT_PENDING}: queued and not started yet; queueing again does nothing. */
    final AtomicBoolean pending = new AtomicBoolean();
    /** Counted down when the last queued instance has run; what a flush waits for. */
    volatile CountDownLatch done;
    volatile Workqueue wq;

    /**
     * {@code INIT_WORK(&name, func)}.
     *
     * @param name the work's expression as the kernel prints it, e.g. {@code &mddev->flush_work}
     * @param func the work function's name, for the workqueue's messages
     */
    public Work(String name, String func, Runnable body) {
        this.func = func;
        this.body = body;
        this.lockdepMap = new LockdepMap("(work_completion)(" + name + ")");
    }

    /**
     * Waits at most {@code timeout} for the last queued instance to finish, telling lockdep nothing: for a
     * model's main thread that checks whether the system hangs. True if it finished (or never ran).
     */
    public boolean waitFor(long timeout, TimeUnit unit) throws InterruptedException {
        CountDownLatch latch = done;
        return latch == null || latch.await(timeout, unit);
    }
}
