package dev.jlockdep.examples.pid;

import dev.jlockdep.examples.kernel.SeqCount;
import dev.jlockdep.examples.kernel.SeqLock;

/** The two seqcounts of seed 003, one per task: the cpuset's and the signal statistics'. */
public final class Task {
    /** {@code current->mems_allowed_seq}, a {@code seqcount_spinlock_t} (read by every slab allocation). */
    final SeqCount mems_allowed_seq = SeqcountInit.seqcount_LOCKNAME_init("spinlock", "init_task",
            "&p->mems_allowed_seq");
    /** {@code sig->stats_lock}, a {@code seqlock_t}, whose seqcount is a {@code seqcount_spinlock_t} too. */
    final SeqLock stats_lock = new SeqLock("&sig->stats_lock",
            SeqcountInit.seqcount_LOCKNAME_init("spinlock", "copy_signal", "&sl->seqcount"));
}
