package dev.jlockdep.examples;

import dev.jlockdep.api.Lockdep;
import dev.jlockdep.api.kernel.Gfp;
import dev.jlockdep.api.kernel.Memalloc;
import dev.jlockdep.api.kernel.MemallocScope;
import dev.jlockdep.examples.kernel.Kthread;
import dev.jlockdep.examples.kernel.Mm;
import dev.jlockdep.examples.kernel.Mutex;
import dev.jlockdep.examples.kernel.RwSemaphore;
import dev.jlockdep.examples.kernel.SpinLock;
import dev.jlockdep.examples.kernel.Work;
import dev.jlockdep.examples.kernel.Workqueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The parts of the kernel runtime that the scenarios do not reach, one step at a time, printing what
 * each did: memalloc scopes (calls and the annotation, exceptions included), interrupt state in usage
 * characters, nesting, the assertion variants, the PF_MEMALLOC flush check, flush_workqueue, and
 * rescuers when no worker can be created.
 */
public final class RuntimeTour {
    private RuntimeTour() {
    }

    public static void main(String[] args) throws InterruptedException {
        scopes();
        interrupts();
        nesting();
        assertions();
        workqueues();
    }

    private static void scopes() {
        int nofs = Memalloc.nofsSave();
        int noio = Memalloc.noioSave();
        System.out.println("nofs+noio: flags=" + Memalloc.flags() + " GFP_KERNEL->"
                + Integer.toHexString(Memalloc.currentGfpContext(Gfp.GFP_KERNEL)));
        Memalloc.noioRestore(noio);
        System.out.println("nofs: flags=" + Memalloc.flags() + " GFP_KERNEL->"
                + Integer.toHexString(Memalloc.currentGfpContext(Gfp.GFP_KERNEL)));
        Memalloc.nofsRestore(nofs);
        try {
            failingInNoreclaimScope();
        } catch (IllegalStateException e) {
            System.out.println("after a scope method threw: flags=" + Memalloc.flags());
        }
        System.out.println("in a scope method: flags=" + flagsInNofsScope() + ", after it: flags=" + Memalloc.flags());
    }

    @MemallocScope(Memalloc.NORECLAIM)
    private static void failingInNoreclaimScope() {
        System.out.println("in a NORECLAIM scope method: flags=" + Memalloc.flags());
        throw new IllegalStateException("out of memory");
    }

    @MemallocScope(Memalloc.NOFS)
    private static int flagsInNofsScope() {
        return Memalloc.flags();
    }

    /** A spinlock only ever taken with interrupts off shows {....}; one also taken with them on, {+.+.}. */
    private static void interrupts() {
        SpinLock irqOnly = new SpinLock("&desc->lock");
        SpinLock both = new SpinLock("&port->lock");
        Kthread.run("irq/9", () -> {
            irqOnly.spin_lock_irq();
            both.spin_lock();
            both.spin_unlock();
            irqOnly.spin_unlock_irq();
        });
        Kthread.run("tty", () -> {
            both.spin_lock();
            int flags = irqOnly.spin_lock_irqsave();
            irqOnly.spin_unlock_irqrestore(flags);
            both.spin_unlock();
        });
    }

    /** Two inodes' mutexes of one class: nested with an annotation is fine, without it is not. */
    private static void nesting() {
        Mutex parent = new Mutex("&inode->i_rwsem");
        Mutex child = new Mutex("&inode->i_rwsem");
        parent.mutex_lock();
        child.mutex_lock_nested(Lockdep.SINGLE_DEPTH_NESTING);
        child.mutex_unlock();
        System.out.println("nested with mutex_lock_nested: reports=" + Lockdep.reportCount());
        child.mutex_lock();
        child.mutex_unlock();
        parent.mutex_unlock();
        System.out.println("nested without annotation: reports=" + Lockdep.reportCount());
    }

    private static void assertions() {
        RwSemaphore sem = new RwSemaphore("&mm->mmap_lock");
        sem.down_write();
        sem.lockdep_assert_held();
        sem.lockdep_assert_held_write();
        sem.lockdep_assert_held_read();
        sem.up_write();
        Mutex mutex = new Mutex("&dev->mutex");
        mutex.mutex_lock();
        mutex.lockdep_assert_not_held();
        mutex.mutex_unlock();
        System.out.println("assertions: reports=" + Lockdep.reportCount());
    }

    private static void workqueues() throws InterruptedException {
        // A reclaiming task waiting for a queue without a rescuer.
        Work fn = new Work("&x->work", "x_workfn", () -> { });
        Kthread.run("kswapd0", () -> {
            int noreclaim = Memalloc.noreclaimSave();
            Workqueue.schedule_work(fn);
            Workqueue.flush_work(fn);
            Memalloc.noreclaimRestore(noreclaim);
        });

        Workqueue wq = Workqueue.alloc_workqueue("writeback", 0, 0);
        AtomicInteger ran = new AtomicInteger();
        for (int i = 0; i < 3; i++) {
            wq.queue_work(new Work("&wb->dwork[" + i + "]", "wb_workfn", ran::incrementAndGet));
        }
        wq.flush_workqueue();
        System.out.println("flush_workqueue: " + ran.get() + " of 3 ran");

        // Low on memory no worker can be created; a queue with a rescuer has one already.
        Mm.lowOnMemory = true;
        Workqueue plain = Workqueue.alloc_workqueue("plain", 0, 0);
        Workqueue reclaim = Workqueue.alloc_workqueue("reclaim", Workqueue.WQ_MEM_RECLAIM, 0);
        Work stuck = new Work("&plain_work", "plain_workfn", () -> { });
        Work rescued = new Work("&reclaim_work", "reclaim_workfn", () -> { });
        plain.queue_work(stuck);
        reclaim.queue_work(rescued);
        System.out.println("low on memory: rescuer ran=" + rescued.waitFor(10, TimeUnit.SECONDS)
                + ", no-rescuer ran=" + stuck.waitFor(300, TimeUnit.MILLISECONDS));
        Mm.lowOnMemory = false;
        plain.queue_work(new Work("&plain_work2", "plain_workfn", () -> { }));
        System.out.println("memory back: no-rescuer ran=" + stuck.waitFor(10, TimeUnit.SECONDS));
    }
}
