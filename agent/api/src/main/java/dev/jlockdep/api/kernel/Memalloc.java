package dev.jlockdep.api.kernel;

/**
 * The kernel's memalloc scopes ({@code include/linux/sched/mm.h}): a thread marks a section of code as
 * one where allocations must not recurse into file-system or I/O reclaim, or must not reclaim at all,
 * and every allocation inside it is masked accordingly by {@link #currentGfpContext(int)}. The agent keeps
 * the scope bits per thread; without it there are no scopes and the flags pass unchanged.
 */
public final class Memalloc {
    /** {@code PF_MEMALLOC_NOFS}: allocations lose {@link Gfp#__GFP_FS}. */
    public static final int NOFS = 1;
    /** {@code PF_MEMALLOC_NOIO}: allocations lose {@link Gfp#__GFP_IO} and {@link Gfp#__GFP_FS}. */
    public static final int NOIO = 2;
    /** {@code PF_MEMALLOC}: the thread is reclaiming memory itself and never enters reclaim again. */
    public static final int NORECLAIM = 4;

    private Memalloc() {
    }

    /** {@code memalloc_nofs_save}: returns what {@link #nofsRestore(int)} needs. */
    public static int nofsSave() {
        return TaskContext.memallocSet(NOFS, NOFS);
    }

    public static void nofsRestore(int saved) {
        TaskContext.memallocSet(NOFS, saved);
    }

    /** {@code memalloc_noio_save}. */
    public static int noioSave() {
        return TaskContext.memallocSet(NOIO, NOIO);
    }

    public static void noioRestore(int saved) {
        TaskContext.memallocSet(NOIO, saved);
    }

    /** {@code memalloc_noreclaim_save}: sets {@code PF_MEMALLOC}, as reclaim does around its own work. */
    public static int noreclaimSave() {
        return TaskContext.memallocSet(NORECLAIM, NORECLAIM);
    }

    public static void noreclaimRestore(int saved) {
        TaskContext.memallocSet(NORECLAIM, saved);
    }

    /** The current thread's scope bits. */
    public static int flags() {
        return TaskContext.memallocFlags();
    }

    /** {@code current_gfp_context}: {@code gfp} masked by the thread's scopes (NOIO before NOFS). */
    public static int currentGfpContext(int gfp) {
        int scopes = flags();
        if ((scopes & NOIO) != 0) {
            return gfp & ~(Gfp.__GFP_IO | Gfp.__GFP_FS);
        }
        if ((scopes & NOFS) != 0) {
            return gfp & ~Gfp.__GFP_FS;
        }
        return gfp;
    }
}
