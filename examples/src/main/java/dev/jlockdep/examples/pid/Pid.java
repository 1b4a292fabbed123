package dev.jlockdep.examples.pid;

import dev.jlockdep.examples.kernel.SpinLock;

/**
 * {@code kernel/pid.c}, {@code kernel/fork.c} and {@code kernel/exit.c} as far as seed 003 goes:
 * {@code alloc_pid} allocates an idr node under {@code pidmap_lock} (so the slab allocator's read of the
 * cpuset seqcount comes after it), and a task's release frees its pid inside the write side of its
 * signal's {@code stats_lock} (so {@code pidmap_lock} comes after that seqcount).
 */
public final class Pid {
    private static final SpinLock pidmap_lock = new SpinLock("pidmap_lock");
    /** The per-cpu {@code radix_tree_preloads.lock}, a local lock. */
    private static final SpinLock radix_tree_preloads_lock = new SpinLock("lock");
    private static final SpinLock tasklist_lock = new SpinLock("tasklist_lock");

    private Pid() {
    }

    // --- clone: copy_process -> alloc_pid ------------------------------------------------------------

    public static void __do_sys_clone(Task current) {
        kernel_clone(current);
    }

    private static void kernel_clone(Task current) {
        copy_process(current);
    }

    private static void copy_process(Task current) {
        alloc_pid(current);
    }

    private static void alloc_pid(Task current) {
        idr_preload();
        pidmap_lock.spin_lock_irq();
        try {
            idr_alloc_cyclic(current);
        } finally {
            pidmap_lock.spin_unlock_irq();
            idr_preload_end();
        }
    }

    private static void idr_preload() {
        __radix_tree_preload();
    }

    private static void __radix_tree_preload() {
        radix_tree_preloads_lock.spin_lock();
    }

    private static void idr_preload_end() {
        radix_tree_preloads_lock.spin_unlock();
    }

    private static void idr_alloc_cyclic(Task current) {
        idr_alloc_u32(current);
    }

    private static void idr_alloc_u32(Task current) {
        idr_get_free(current);
    }

    private static void idr_get_free(Task current) {
        radix_tree_node_alloc(current);
    }

    private static void radix_tree_node_alloc(Task current) {
        Slub.kmem_cache_alloc(current);
    }

    // --- exit: do_exit -> release_task -> __exit_signal -> free_pid ------------------------------------

    public static void do_exit(Task exiting) {
        exit_notify(exiting);
    }

    private static void exit_notify(Task exiting) {
        release_task(exiting);
    }

    private static void release_task(Task exiting) {
        tasklist_lock.spin_lock_irq();
        try {
            __exit_signal(exiting);
        } finally {
            tasklist_lock.spin_unlock_irq();
        }
    }

    private static void __exit_signal(Task exiting) {
        exiting.stats_lock.write_seqlock();
        try {
            __unhash_process();
        } finally {
            exiting.stats_lock.write_sequnlock();
        }
    }

    private static void __unhash_process() {
        free_pid();
    }

    private static void free_pid() {
        int flags = pidmap_lock.spin_lock_irqsave();
        pidmap_lock.spin_unlock_irqrestore(flags);
    }
}
