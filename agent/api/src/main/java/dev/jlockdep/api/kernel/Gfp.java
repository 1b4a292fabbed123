package dev.jlockdep.api.kernel;

/**
 * The kernel's gfp flags ({@code include/linux/gfp_types.h}) that decide whether an allocation may
 * enter reclaim, with their values, for models of kernel allocators (see {@link Memalloc}).
 */
public final class Gfp {
    public static final int __GFP_HIGH = 0x20;
    public static final int __GFP_IO = 0x40;
    public static final int __GFP_FS = 0x80;
    public static final int __GFP_DIRECT_RECLAIM = 0x400;
    public static final int __GFP_KSWAPD_RECLAIM = 0x800;
    public static final int __GFP_RECLAIM = __GFP_DIRECT_RECLAIM | __GFP_KSWAPD_RECLAIM;
    /** Tells lockdep to ignore the allocation. */
    public static final int __GFP_NOLOCKDEP = 0x8000000;

    public static final int GFP_ATOMIC = __GFP_HIGH | __GFP_KSWAPD_RECLAIM;
    public static final int GFP_NOWAIT = __GFP_KSWAPD_RECLAIM;
    public static final int GFP_NOIO = __GFP_RECLAIM;
    public static final int GFP_NOFS = __GFP_RECLAIM | __GFP_IO;
    public static final int GFP_KERNEL = __GFP_RECLAIM | __GFP_IO | __GFP_FS;

    private Gfp() {
    }

    /** {@code gfpflags_allow_blocking}: the allocation may wait for direct reclaim. */
    public static boolean allowsBlocking(int gfp) {
        return (gfp & __GFP_DIRECT_RECLAIM) != 0;
    }
}
