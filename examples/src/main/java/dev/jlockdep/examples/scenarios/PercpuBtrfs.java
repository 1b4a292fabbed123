package dev.jlockdep.examples.scenarios;

import dev.jlockdep.examples.btrfs.Btrfs;
import dev.jlockdep.examples.kernel.Kthread;
import dev.jlockdep.examples.kernel.Mm;
import dev.jlockdep.examples.percpu.Percpu;

/**
 * Seed 002, "percpu: make pcpu_alloc() aware of current gfp context": btrfs calls
 * {@code percpu_counter_init(GFP_KERNEL)} inside {@code memalloc_nofs_save()} while holding
 * {@code commit_root_sem}, but {@code pcpu_alloc} looked at the flags only and took
 * {@code pcpu_alloc_mutex}, which the balance work holds across a {@code GFP_KERNEL} allocation; reclaim
 * then needs the delayed node's mutex. The fix makes {@code pcpu_alloc} apply {@code current_gfp_context}.
 */
public final class PercpuBtrfs {
    private PercpuBtrfs() {
    }

    public static void main(String[] args) {
        String variant = Variant.parse("percpu-btrfs", args);
        Percpu.applyGfpContext(variant.equals(Variant.FIXED));
        Btrfs fs = new Btrfs();
        Kthread.run("mount", fs::mount);
        Percpu.pcpu_balance_now();                             // #4: pcpu_alloc_mutex -> fs_reclaim
        Kthread.run("btrfs", fs::btrfs_ioctl_logical_to_ino);  // #3: commit_root_sem -> pcpu_alloc_mutex
        Kthread.run("umount", fs::generic_shutdown_super);     // #2: groups_sem -> commit_root_sem
        Kthread.run("sync", fs::ksys_sync);                    // #1: delayed_node->mutex -> groups_sem
        Kthread.run("kswapd0", Mm::kswapd);                    // #0: fs_reclaim -> delayed_node->mutex
        Variant.done("percpu-btrfs", variant, "every path ran once");
    }
}
