package dev.jlockdep.examples.pid;

/** {@code mm/slub.c}: a slab allocation that finds no partial slab locally reads the cpuset seqcount. */
final class Slub {
    private Slub() {
    }

    static void kmem_cache_alloc(Task current) {
        __slab_alloc(current);
    }

    private static void __slab_alloc(Task current) {
        ___slab_alloc(current);
    }

    private static void ___slab_alloc(Task current) {
        get_partial(current);
    }

    private static void get_partial(Task current) {
        get_any_partial(current);
    }

    private static void get_any_partial(Task current) {
        int cookie;
        do {
            cookie = read_mems_allowed_begin(current);
        } while (read_mems_allowed_retry(current, cookie));
    }

    /** {@code include/linux/cpuset.h}. */
    private static int read_mems_allowed_begin(Task current) {
        return current.mems_allowed_seq.read_seqcount_begin();
    }

    private static boolean read_mems_allowed_retry(Task current, int cookie) {
        return current.mems_allowed_seq.read_seqcount_retry(cookie);
    }
}
