package dev.jlockdep.examples.percpu;

import dev.jlockdep.api.kernel.Gfp;
import dev.jlockdep.api.kernel.Memalloc;
import dev.jlockdep.examples.kernel.Mm;
import dev.jlockdep.examples.kernel.Mutex;
import dev.jlockdep.examples.kernel.Work;
import dev.jlockdep.examples.kernel.Workqueue;
import java.util.ArrayDeque;

/**
 * The percpu allocator ({@code mm/percpu.c}) as far as seed 002 needs it: a non-atomic allocation takes
 * {@code pcpu_alloc_mutex}, and the balance work allocates new chunks under that mutex with
 * {@code GFP_KERNEL}, so the mutex comes before {@code fs_reclaim}.
 */
public final class Percpu {
    static final Mutex pcpu_alloc_mutex = new Mutex("pcpu_alloc_mutex");
    private static final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
    private static final Work pcpu_balance_work = new Work("pcpu_balance_work", "pcpu_balance_workfn",
            Percpu::pcpu_balance_workfn);

    /**
     * The patch of seed 002: {@code pcpu_alloc} applies {@code current_gfp_context}, so a caller in a
     * NOFS scope is atomic to it. Before, it judged from the flags alone.
     */
    private static boolean appliesGfpContext;

    private Percpu() {
    }

    public static void applyGfpContext(boolean patched) {
        appliesGfpContext = patched;
    }

    /** {@code pcpu_alloc}. */
    public static byte[] pcpu_alloc(int size, int gfp) {
        if (appliesGfpContext) {
            gfp = Memalloc.currentGfpContext(gfp);
        }
        boolean isAtomic = (gfp & Gfp.GFP_KERNEL) != Gfp.GFP_KERNEL;
        if (isAtomic) {
            return new byte[size]; // from the chunks already populated, under pcpu_lock only
        }
        pcpu_alloc_mutex.mutex_lock();
        try {
            if (chunks.isEmpty()) {
                pcpu_create_chunk(gfp);
            }
            return new byte[size];
        } finally {
            pcpu_alloc_mutex.mutex_unlock();
        }
    }

    /** {@code pcpu_schedule_balance_work}, and a wait for it here, so that the model runs in turn. */
    public static void pcpu_balance_now() {
        Workqueue.schedule_work(pcpu_balance_work);
        Workqueue.flush_work(pcpu_balance_work);
    }

    private static void pcpu_balance_workfn() {
        pcpu_alloc_mutex.mutex_lock();
        try {
            pcpu_create_chunk(Gfp.GFP_KERNEL);
        } finally {
            pcpu_alloc_mutex.mutex_unlock();
        }
    }

    private static void pcpu_create_chunk(int gfp) {
        chunks.add(Mm.kmalloc(4096, gfp));
    }
}
