package dev.jlockdep.examples.scenarios;

import dev.jlockdep.api.kernel.Gfp;
import dev.jlockdep.examples.kernel.Kthread;
import dev.jlockdep.examples.kernel.Mm;
import dev.jlockdep.examples.kernel.Work;
import dev.jlockdep.examples.kernel.Workqueue;
import dev.jlockdep.examples.kernfs.KernfsDir;
import dev.jlockdep.examples.kernfs.KernfsNode;
import dev.jlockdep.examples.kernfs.KernfsNotify;
import dev.jlockdep.examples.kernfs.KernfsRoot;
import dev.jlockdep.examples.md.Mddev;
import dev.jlockdep.examples.xfs.Xfs;

/**
 * Seed 001, "kernfs: support kernfs notify in memory reclaim context": kthreadd, reclaiming memory,
 * waits for an XFS log push that flushes an md array, whose first write waits for mdmon, which hears of
 * it only through {@code kernfs_notify}'s work on {@code system_wq}, a queue with no rescuer. The buggy
 * variant gets the workqueue's flush-dependency warning ({@code WQ_MEM_RECLAIM md:md_submit_flush_data is
 * flushing !WQ_MEM_RECLAIM events:kernfs_notify_workfn}) and the circular dependency through
 * {@code fs_reclaim}: the notify work allocates under {@code &root->kernfs_supers_rwsem}. The patch moves
 * the work to a {@code WQ_MEM_RECLAIM} queue: the warning is gone, the cycle the reviewer points out
 * stays.
 */
public final class MdKernfsNotify {
    private MdKernfsNotify() {
    }

    public static void main(String[] args) {
        String variant = Variant.parse("md-kernfs-notify", args);
        KernfsNotify.useOwnWorkqueue(variant.equals(Variant.FIXED));
        // Boot: sysfs with md0/md/array_state, watched by mdmon; an XFS on md0; the events worker up.
        KernfsRoot sysfs = new KernfsRoot();
        KernfsNode md0 = KernfsNode.kernfs_new_node(sysfs.kn, "md0");
        KernfsDir.kernfs_add_one(md0);
        KernfsNode arrayState = KernfsNode.kernfs_new_node(md0, "array_state");
        KernfsDir.kernfs_add_one(arrayState);
        Mddev mddev = new Mddev(arrayState);
        sysfs.kernfs_get_tree(mddev::mdmon_handle_event);
        Xfs xfs = new Xfs(mddev);
        xfs.mount();
        Work boot = new Work("boot_work", "do_nothing", () -> { });
        Workqueue.schedule_work(boot);
        Workqueue.flush_work(boot);

        Mm.lowOnMemory = true;
        Kthread.run("kthreadd", () -> kernel_thread());
        Variant.done("md-kernfs-notify", variant, "kthreadd reclaimed memory through an md write");
    }

    /** kthreadd forks a kernel thread: copy_process allocates the stack, and memory is low. */
    private static void kernel_thread() {
        copy_process();
    }

    private static void copy_process() {
        __vmalloc_node_range();
    }

    private static void __vmalloc_node_range() {
        Mm.alloc_pages(16384, Gfp.GFP_KERNEL);
    }
}
