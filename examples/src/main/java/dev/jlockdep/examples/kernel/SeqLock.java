package dev.jlockdep.examples.kernel;

import dev.jlockdep.api.LockPrimitive;

/** {@code seqlock_t}: a spinlock serialising the writers of a seqcount. */
@LockPrimitive
public final class SeqLock {
    private final SpinLock lock;
    private final SeqCount seqcount;

    /** {@code seqlock_init}: the spinlock and the seqcount get their classes from this site. */
    public SeqLock(String lockName, SeqCount seqcount) {
        this.lock = new SpinLock(lockName);
        this.seqcount = seqcount;
    }

    public void write_seqlock() {
        lock.spin_lock();
        seqcount.write_seqcount_begin();
    }

    public void write_sequnlock() {
        seqcount.write_seqcount_end();
        lock.spin_unlock();
    }

    public int read_seqbegin() {
        return seqcount.read_seqcount_begin();
    }

    public boolean read_seqretry(int start) {
        return seqcount.read_seqcount_retry(start);
    }
}
