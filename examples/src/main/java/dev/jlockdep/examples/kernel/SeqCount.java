package dev.jlockdep.examples.kernel;

import dev.jlockdep.api.LockPrimitive;
import dev.jlockdep.api.LockdepMap;
import dev.jlockdep.api.kernel.Irq;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code seqcount_t}: writers make the sequence odd while they write; readers retry until they saw an
 * even, unchanged sequence. To lockdep a writer holds the seqcount exclusively, and a reader is a
 * recursive read taken and released at once with interrupts off ({@code seqcount_lockdep_reader_access}).
 * Its class is the init site's key, named after the init argument ({@code &s->seqcount}), so seqcounts
 * initialised at different sites are different classes of one name ({@code #2}, {@code #3}).
 */
@LockPrimitive
public final class SeqCount {
    /** Whether readers tell lockdep (kernels before 2014's "seqcount: Add lockdep functionality" did not). */
    private static volatile boolean annotatedReaders = true;
    private final LockdepMap map;
    private final AtomicInteger sequence = new AtomicInteger();

    /** {@code seqcount_init(s)} expanded at the init site {@code initSite}. */
    public SeqCount(String name, String initSite) {
        map = new LockdepMap(name, "seqcount_init@" + initSite);
    }

    public static void annotateReaders(boolean annotated) {
        annotatedReaders = annotated;
    }

    /** {@code read_seqcount_begin}. */
    public int read_seqcount_begin() {
        if (annotatedReaders) {
            int flags = Irq.save();
            map.acquireRecursiveRead();
            map.release();
            Irq.restore(flags);
        }
        int seq;
        while (((seq = sequence.get()) & 1) != 0) {
            Thread.onSpinWait();
        }
        return seq;
    }

    /** {@code read_seqcount_retry}. */
    public boolean read_seqcount_retry(int start) {
        return sequence.get() != start;
    }

    public void write_seqcount_begin() {
        map.acquire();
        sequence.incrementAndGet();
    }

    public void write_seqcount_end() {
        sequence.incrementAndGet();
        map.release();
    }
}
