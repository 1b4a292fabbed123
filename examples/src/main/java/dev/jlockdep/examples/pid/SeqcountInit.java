package dev.jlockdep.examples.pid;

import dev.jlockdep.examples.kernel.SeqCount;

/**
 * How a {@code seqcount_LOCKNAME_t} gets its lockdep class, before and after "seqlock: Unbreak lockdep".
 * The PREEMPT_RT series of seed 003 folded {@code seqcount_LOCKNAME_init()} into one inline function per
 * lock type, so the static key inside it became one class for every seqcount of that type in the
 * kernel, named after the function's argument: {@code &s->seqcount}, and {@code &s->seqcount#2} for the
 * second type's function. The fix turns it back into a macro: one key per init site.
 */
public final class SeqcountInit {
    private static boolean perSite;

    private SeqcountInit() {
    }

    /** {@code true}: the fix (a key per init site); {@code false}: the series (a key per lock type). */
    public static void keyPerInitSite(boolean fixed) {
        perSite = fixed;
    }

    /**
     * {@code seqcount_LOCKNAME_init(s, lock)} for lock type {@code lockname}, written at {@code site}
     * as {@code expression} (what the macro version names the class after).
     */
    public static SeqCount seqcount_LOCKNAME_init(String lockname, String site, String expression) {
        return perSite ? new SeqCount(expression, site) : new SeqCount("&s->seqcount", "seqcount_" + lockname + "_init");
    }
}
