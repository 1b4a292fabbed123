package dev.jlockdep.core.model;

/**
 * jlockdep's judgement of a problem at the end of a run, beyond lockdep's: credible (a deadlock some run
 * may meet), or out of the gate on evidence that it cannot deadlock, said in one line.
 *
 * @param why the evidence, in one line; empty for a credible problem with nothing to add
 */
public record Triage(Verdict verdict, String why) {
    /** Credible, with nothing to add. */
    public static final Triage CREDIBLE = new Triage(Verdict.CREDIBLE, "");

    /** What the evidence says; the name is how dumps write it. */
    public enum Verdict {
        CREDIBLE("credible"),
        /** Instances of one class nested in one another, many pairs, always in one order. */
        CONSISTENT_ORDER("consistent-order"),
        /** Each inner instance was made while its outer one was held: a child under its parent. */
        CREATED_UNDER("created-under"),
        /** Every instance of the cycle was taken by one thread only, while others of their classes were shared. */
        THREAD_CONFINED("thread-confined"),
        /** One lock held across two dependencies of the cycle, exclusively by one: they cannot run at once. */
        GATED("gated"),
        /** A dependency of the cycle only ever onto locks made in that holding, by their taker: a start-up's, which cannot wait. */
        LIFECYCLE("lifecycle");

        private final String dumpName;

        Verdict(String dumpName) {
            this.dumpName = dumpName;
        }

        public String dumpName() {
            return dumpName;
        }

        /** The verdict a dump names so, or null. */
        public static Verdict fromDumpName(String name) {
            for (Verdict v : values()) {
                if (v.dumpName.equals(name)) {
                    return v;
                }
            }
            return null;
        }
    }

    public boolean credible() {
        return verdict == Verdict.CREDIBLE;
    }

    /** The line a report shows under its text. */
    public String line() {
        return "jlockdep: triage: " + verdict.dumpName() + (why.isEmpty() ? "" : ": " + why);
    }
}
