package dev.jlockdep.examples.scenarios;

import dev.jlockdep.examples.kernel.Kthread;
import dev.jlockdep.examples.kernel.SeqCount;
import dev.jlockdep.examples.pid.Pid;
import dev.jlockdep.examples.pid.SeqcountInit;
import dev.jlockdep.examples.pid.Task;

/**
 * Seed 003, the seqlock PREEMPT_RT series: after it, lockdep reported a cycle between
 * {@code pidmap_lock} and {@code &s->seqcount#2}: an exiting task frees its pid inside the write side of
 * its {@code stats_lock} seqcount, and a forking task allocates under {@code pidmap_lock}, where the slab
 * allocator reads its cpuset seqcount. The reporter argued it is a false positive: the two seqcounts are
 * different instances, merged into one class by the series' shared init function. jlockdep prints the
 * splat with a triage line saying the cycle never closed on the same instances. The fix ("seqlock:
 * Unbreak lockdep") gives each init site its own class again, and the model is silent. So is
 * {@code --no-reader-annotation}: the series' classes, but readers that do not tell lockdep (as before
 * seqcount readers were annotated), so the order {@code pidmap_lock -> &s->seqcount#2} is never seen.
 */
public final class SeqlockPid {
    private SeqlockPid() {
    }

    public static void main(String[] args) {
        String variant = Variant.parse("seqlock-pid", args, "--no-reader-annotation");
        SeqcountInit.keyPerInitSite(variant.equals(Variant.FIXED));
        SeqCount.annotateReaders(!variant.equals("--no-reader-annotation"));
        // Boot: the raw_spinlock type's init function registers the first class named &s->seqcount.
        SeqcountInit.seqcount_LOCKNAME_init("raw_spinlock", "sched_clock_init", "&cd.seq").read_seqcount_begin();
        Task exiting = new Task();
        Task forking = new Task();
        Kthread.run("kthread", () -> Pid.do_exit(exiting));            // #1: &s->seqcount#2 -> pidmap_lock
        Kthread.run("runc:[1:CHILD]", () -> Pid.__do_sys_clone(forking)); // #0: pidmap_lock -> &s->seqcount#2
        Variant.done("seqlock-pid", variant, "a task exited and another forked");
    }
}
