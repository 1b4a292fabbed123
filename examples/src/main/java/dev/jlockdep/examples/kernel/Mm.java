package dev.jlockdep.examples.kernel;

import dev.jlockdep.api.LockdepMap;
import dev.jlockdep.api.kernel.Gfp;
import dev.jlockdep.api.kernel.Memalloc;
import dev.jlockdep.api.kernel.MemallocScope;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Memory allocation as lockdep sees it ({@code mm/page_alloc.c}, {@code mm/vmscan.c}): every allocation
 * that may enter reclaim takes and releases the {@code fs_reclaim} pseudo-lock, so each lock held across
 * it comes before {@code fs_reclaim}; reclaim holds {@code fs_reclaim} while it shrinks caches, so each
 * lock a shrinker takes comes after it. The gfp flags and the thread's memalloc scopes decide which
 * allocations count.
 */
public final class Mm {
    /** {@code __fs_reclaim_map}. */
    static final LockdepMap FS_RECLAIM = new LockdepMap("fs_reclaim");
    /** {@code shrinker_rwsem}: writers register shrinkers, reclaim walks them for reading. */
    static final RwSemaphore SHRINKER_RWSEM = new RwSemaphore("shrinker_rwsem");
    private static final List<Shrinker> SHRINKERS = new CopyOnWriteArrayList<>();
    /** While true, allocations that may block enter direct reclaim, and no new worker can be created. */
    public static volatile boolean lowOnMemory;

    /** {@code struct shrinker}: what reclaim asks to give memory back. */
    public interface Shrinker {
        /** {@code scan_objects}, called with {@code fs_reclaim} and {@code shrinker_rwsem} held. */
        void scan_objects();
    }

    private Mm() {
    }

    /** {@code kmalloc}: may enter reclaim, as the flags and scopes allow. */
    public static byte[] kmalloc(int size, int gfp) {
        might_alloc(gfp);
        return new byte[size];
    }

    /** {@code __alloc_pages}: low on memory, an allocation that may block reclaims first. */
    public static byte[] alloc_pages(int size, int gfp) {
        might_alloc(gfp);
        if (lowOnMemory && Gfp.allowsBlocking(gfp)) {
            __alloc_pages_slowpath(gfp);
        }
        return new byte[size];
    }

    private static void __alloc_pages_slowpath(int gfp) {
        try_to_free_pages(gfp);
    }

    /** {@code might_alloc}: what an allocation tells lockdep, without allocating. */
    public static void might_alloc(int gfp) {
        if (fs_reclaim_acquire(gfp)) {
            fs_reclaim_release();
        }
    }

    /** {@code fs_reclaim_acquire}: takes {@code fs_reclaim} if this allocation could recurse into the fs. */
    static boolean fs_reclaim_acquire(int gfp) {
        gfp = Memalloc.currentGfpContext(gfp);
        if (need_reclaim(gfp) && (gfp & Gfp.__GFP_FS) != 0) {
            FS_RECLAIM.acquire();
            return true;
        }
        return false;
    }

    static void fs_reclaim_release() {
        FS_RECLAIM.release();
    }

    /** {@code __need_reclaim}: no direct reclaim, a reclaiming thread, or {@code __GFP_NOLOCKDEP}: no. */
    private static boolean need_reclaim(int gfp) {
        return (gfp & Gfp.__GFP_DIRECT_RECLAIM) != 0 && (Memalloc.flags() & Memalloc.NORECLAIM) == 0
                && (gfp & Gfp.__GFP_NOLOCKDEP) == 0;
    }

    /** {@code register_shrinker}. */
    public static void register_shrinker(Shrinker s) {
        SHRINKER_RWSEM.down_write();
        SHRINKERS.add(s);
        SHRINKER_RWSEM.up_write();
    }

    /**
     * {@code kswapd} → {@code balance_pgdat}: the background reclaimer, {@code PF_MEMALLOC} for its whole
     * life, holds {@code fs_reclaim} for the whole balancing run ({@code __fs_reclaim_acquire}) and
     * shrinks the caches.
     */
    @MemallocScope(Memalloc.NORECLAIM)
    public static void kswapd() {
        balance_pgdat();
    }

    private static void balance_pgdat() {
        FS_RECLAIM.acquire();
        try {
            shrink_node();
        } finally {
            FS_RECLAIM.release();
        }
    }

    /**
     * {@code __perform_reclaim}: direct reclaim by an allocating task, as {@code PF_MEMALLOC}; holding
     * {@code fs_reclaim} only if the allocation may recurse into the file system.
     */
    public static void try_to_free_pages(int gfp) {
        boolean fsReclaim = fs_reclaim_acquire(gfp);
        try {
            perform_reclaim();
        } finally {
            if (fsReclaim) {
                fs_reclaim_release();
            }
        }
    }

    @MemallocScope(Memalloc.NORECLAIM)
    private static void perform_reclaim() {
        shrink_node();
    }

    private static void shrink_node() {
        shrink_slab();
    }

    /** {@code shrink_slab}: gives up rather than wait for a shrinker being registered. */
    private static void shrink_slab() {
        if (!SHRINKER_RWSEM.down_read_trylock()) {
            return;
        }
        try {
            for (Shrinker s : SHRINKERS) {
                do_shrink_slab(s);
            }
        } finally {
            SHRINKER_RWSEM.up_read();
        }
    }

    private static void do_shrink_slab(Shrinker s) {
        s.scan_objects();
    }
}
