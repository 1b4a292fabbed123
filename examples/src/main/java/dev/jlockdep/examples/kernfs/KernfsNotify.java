package dev.jlockdep.examples.kernfs;

import dev.jlockdep.api.kernel.Gfp;
import dev.jlockdep.examples.kernel.Mm;
import dev.jlockdep.examples.kernel.SpinLock;
import dev.jlockdep.examples.kernel.Work;
import dev.jlockdep.examples.kernel.Workqueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * {@code kernfs_notify} ({@code fs/kernfs/file.c}): queues a node on the notify list and schedules
 * {@code kernfs_notify_work}, whose function pops nodes one by one and kicks fsnotify on every
 * superblock under {@code kernfs_supers_rwsem}, then drops the reference the queueing took.
 *
 * <p>Two lists: the spinlock-protected one, which queues a node only if it is not queued yet (before
 * seed 000's patch, and after its revert), and the patch's lock-less llist, which queues it again:
 * a node queued twice points at itself and the work function never ends. And two queues: the shared
 * {@code system_wq} (before seed 001's patch) or a {@code kernfs_notify} queue with a rescuer (after).
 */
public final class KernfsNotify {
    private static final SpinLock kernfs_notify_lock = new SpinLock("kernfs_notify_lock");
    /** The end of the spinlock-protected list: a node whose next is null is not on it. */
    private static final KernfsNode KERNFS_NOTIFY_EOL = new KernfsNode(null, null, "(eol)");
    private static KernfsNode kernfs_notify_list = KERNFS_NOTIFY_EOL;
    /** The llist: its first node. */
    private static final AtomicReference<KernfsNode> kernfs_notify_llist = new AtomicReference<>();

    public static final Work kernfs_notify_work = new Work("kernfs_notify_work", "kernfs_notify_workfn",
            KernfsNotify::kernfs_notify_workfn);

    private static boolean lockless;
    private static Workqueue wq = Workqueue.system_wq;

    private KernfsNotify() {
    }

    /** Seed 000's patch: the notify list becomes an llist. */
    public static void useLlist(boolean patched) {
        lockless = patched;
    }

    /** Seed 001's patch: the work runs on a queue of its own, with a rescuer. */
    public static void useOwnWorkqueue(boolean patched) {
        wq = patched ? Workqueue.alloc_workqueue("kernfs_notify", Workqueue.WQ_MEM_RECLAIM, 0) : Workqueue.system_wq;
    }

    public static void kernfs_notify(KernfsNode kn) {
        if (lockless) {
            kn.kernfs_get();
            llist_add(kn);
            wq.queue_work(kernfs_notify_work);
            return;
        }
        int flags = kernfs_notify_lock.spin_lock_irqsave();
        try {
            if (kn.notifyNext.get() == null) {
                kn.kernfs_get();
                kn.notifyNext.set(kernfs_notify_list);
                kernfs_notify_list = kn;
                wq.queue_work(kernfs_notify_work);
            }
        } finally {
            kernfs_notify_lock.spin_unlock_irqrestore(flags);
        }
    }

    private static void llist_add(KernfsNode kn) {
        KernfsNode first;
        do {
            first = kernfs_notify_llist.get();
            kn.notifyNext.set(first);
        } while (!kernfs_notify_llist.compareAndSet(first, kn));
    }

    private static KernfsNode llist_del_first() {
        KernfsNode first;
        do {
            first = kernfs_notify_llist.get();
            if (first == null) {
                return null;
            }
        } while (!kernfs_notify_llist.compareAndSet(first, first.notifyNext.get()));
        return first;
    }

    private static KernfsNode pop_locked() {
        int flags = kernfs_notify_lock.spin_lock_irqsave();
        try {
            KernfsNode kn = kernfs_notify_list;
            if (kn == KERNFS_NOTIFY_EOL) {
                return null;
            }
            kernfs_notify_list = kn.notifyNext.get();
            kn.notifyNext.set(null);
            return kn;
        } finally {
            kernfs_notify_lock.spin_unlock_irqrestore(flags);
        }
    }

    private static void kernfs_notify_workfn() {
        while (true) {
            KernfsNode kn = lockless ? llist_del_first() : pop_locked();
            if (kn == null) {
                return;
            }
            KernfsRoot root = kn.root;
            root.kernfs_supers_rwsem.down_read();
            try {
                for (Consumer<KernfsNode> sb : root.supers()) {
                    fsnotify(sb, kn);
                }
            } finally {
                root.kernfs_supers_rwsem.up_read();
            }
            kn.kernfs_put();
        }
    }

    /** fsnotify: queues an event for the watchers, allocated with {@code GFP_KERNEL}. */
    private static void fsnotify(Consumer<KernfsNode> sb, KernfsNode kn) {
        Mm.kmalloc(64, Gfp.GFP_KERNEL);
        sb.accept(kn);
    }
}
