package dev.jlockdep.examples.kernel;

import dev.jlockdep.api.Lockdep;
import dev.jlockdep.api.LockdepMap;
import dev.jlockdep.api.kernel.Memalloc;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A workqueue ({@code kernel/workqueue.c}) with the lockdep modelling of the kernel: a map
 * {@code (wq_completion)name} held around every work item it runs (inside it, the item's own map), both
 * touched by flushes; and {@code check_flush_dependency}, the warning for a reclaim-safe context that
 * waits on a queue that has no rescuer. One worker per queue runs its items in order; a
 * {@code WQ_MEM_RECLAIM} queue gets it at allocation (its rescuer, which needs no memory later), any
 * other queue when the first item comes, and not at all while {@link Mm#lowOnMemory} says that a new
 * worker cannot be allocated.
 *
 * <p>Tasks take turns, as everywhere in the models: a worker starts an item only once the task that
 * queued it has finished or blocks (typically in a flush, after it told lockdep). So every run records
 * the same orders, where real threads would race the queueing task to its flush.
 */
public final class Workqueue {
    public static final int WQ_UNBOUND = 1 << 1;
    public static final int WQ_MEM_RECLAIM = 1 << 3;
    /** Queues made by the old {@code create_workqueue} API, exempt from the flush check. */
    public static final int __WQ_LEGACY = 1 << 18;

    /** {@code system_wq}, "events": shared, no rescuer. */
    public static final Workqueue system_wq = alloc_workqueue("events", 0, 0);

    private static final AtomicInteger WORKER_IDS = new AtomicInteger();
    private static final ThreadLocal<Workqueue> CURRENT_QUEUE = new ThreadLocal<>();
    private static final ThreadLocal<Work> CURRENT_WORK = new ThreadLocal<>();

    final String name;
    final int flags;
    final int maxActive;
    final LockdepMap lockdepMap;
    private final LinkedBlockingQueue<Item> worklist = new LinkedBlockingQueue<>();
    private final AtomicBoolean hasWorker = new AtomicBoolean();

    /** A queued work item, or a flush barrier ({@code work == null}), and the task that queued it. */
    private record Item(Work work, CountDownLatch done, Thread queuer) {
    }

    private Workqueue(String name, int flags, int maxActive) {
        this.name = name;
        this.flags = flags;
        this.maxActive = maxActive;
        this.lockdepMap = new LockdepMap("(wq_completion)" + name);
        if ((flags & WQ_MEM_RECLAIM) != 0) {
            hasWorker.set(true);
            startWorker("kworker/R-" + name);
        }
    }

    /** {@code alloc_workqueue(name, flags, max_active)}. */
    public static Workqueue alloc_workqueue(String name, int flags, int maxActive) {
        return new Workqueue(name, flags, maxActive);
    }

    /** {@code schedule_work}: {@code queue_work} on {@code system_wq}. */
    public static boolean schedule_work(Work work) {
        return system_wq.queue_work(work);
    }

    /** {@code queue_work}: false if the work was pending already. */
    public boolean queue_work(Work work) {
        if (!work.pending.compareAndSet(false, true)) {
            return false;
        }
        CountDownLatch done = new CountDownLatch(1);
        work.wq = this;
        work.done = done;
        worklist.add(new Item(work, done, Thread.currentThread()));
        ensureWorker();
        return true;
    }

    /**
     * {@code flush_work}: waits for the last queued instance of {@code work} to finish; false, and no
     * wait, if it is idle. Tells lockdep first: the work's map, and this queue's map as well when the
     * queue is ordered or has a rescuer (a flush from inside it would deadlock).
     */
    public static boolean flush_work(Work work) {
        Workqueue wq = work.wq;
        CountDownLatch done = work.done;
        if (wq == null || done == null || done.getCount() == 0) {
            return false;
        }
        check_flush_dependency(wq, work);
        work.lockdepMap.touch();
        if (wq.maxActive == 1 || (wq.flags & WQ_MEM_RECLAIM) != 0) {
            wq.lockdepMap.touch();
        }
        await(done);
        return true;
    }

    /** {@code flush_workqueue}: waits for every item queued so far. */
    public void flush_workqueue() {
        lockdepMap.touch();
        check_flush_dependency(this, null);
        CountDownLatch barrier = new CountDownLatch(1);
        worklist.add(new Item(null, barrier, Thread.currentThread()));
        ensureWorker();
        await(barrier);
    }

    /**
     * {@code check_flush_dependency}: a thread that reclaims memory, or a work item of a queue that
     * promises progress under memory pressure, must not wait for a queue that has no rescuer.
     */
    private static void check_flush_dependency(Workqueue target, Work targetWork) {
        if ((target.flags & WQ_MEM_RECLAIM) != 0) {
            return;
        }
        String func = targetWork == null ? "0x0" : targetWork.func;
        Thread current = Thread.currentThread();
        if ((Memalloc.flags() & Memalloc.NORECLAIM) != 0) {
            Lockdep.warnOnce("workqueue: PF_MEMALLOC task " + current.getId() + "(" + current.getName()
                    + ") is flushing !WQ_MEM_RECLAIM " + target.name + ":" + func);
        }
        Workqueue running = CURRENT_QUEUE.get();
        if (running != null && (running.flags & (WQ_MEM_RECLAIM | __WQ_LEGACY)) == WQ_MEM_RECLAIM) {
            Lockdep.warnOnce("workqueue: WQ_MEM_RECLAIM " + running.name + ":" + CURRENT_WORK.get().func
                    + " is flushing !WQ_MEM_RECLAIM " + target.name + ":" + func);
        }
    }

    private void ensureWorker() {
        if (!Mm.lowOnMemory && hasWorker.compareAndSet(false, true)) {
            startWorker("kworker/0:" + WORKER_IDS.incrementAndGet());
        }
    }

    private void startWorker(String comm) {
        Thread t = new Thread(this::worker_thread, comm);
        t.setDaemon(true);
        t.start();
    }

    private void worker_thread() {
        CURRENT_QUEUE.set(this);
        while (true) {
            Item item;
            try {
                item = worklist.take();
            } catch (InterruptedException e) {
                return;
            }
            if (item.queuer() != Thread.currentThread()) {
                Kthread.awaitBlocked(item.queuer());
            }
            if (item.work() != null) {
                process_one_work(item.work());
            }
            complete(item.done());
        }
    }

    private void process_one_work(Work work) {
        work.pending.set(false);
        CURRENT_WORK.set(work);
        lockdepMap.acquire();
        work.lockdepMap.acquire();
        try {
            work.body.run();
        } finally {
            work.lockdepMap.release();
            lockdepMap.release();
            CURRENT_WORK.remove();
        }
    }

    /*
     * The latch is this model's plumbing, not the kernel's: the maps above say what a flush waits for.
     * As a lock primitive's, its waits and signals are no events of their own.
     */
    @dev.jlockdep.api.LockPrimitive
    private static void complete(CountDownLatch latch) {
        latch.countDown();
    }

    @dev.jlockdep.api.LockPrimitive
    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
