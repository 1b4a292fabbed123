package dev.jlockdep.core.model;

/** What a report is about; the name is how dumps, problem keys and baselines write it. */
public enum ReportKind {
    CIRCULAR("circular", true),
    RECURSIVE("recursive", true),
    /** A task of a bounded pool waiting for a task of its own pool. */
    STARVATION("starvation", true),
    BAD_UNLOCK("bad-unlock", false),
    HELD_AT_EXIT("held-at-exit", false),
    WARNING("warning", false),
    STALL("stall", false);

    private final String dumpName;
    private final boolean deadlock;

    ReportKind(String dumpName, boolean deadlock) {
        this.dumpName = dumpName;
        this.deadlock = deadlock;
    }

    /** {@code circular}, {@code recursive}, {@code starvation}, {@code bad-unlock}, {@code held-at-exit}, {@code warning}, {@code stall}. */
    public String dumpName() {
        return dumpName;
    }

    /** Circular and recursive locking, and a pool's starvation: a possible deadlock, what the gate fails on. */
    public boolean isDeadlock() {
        return deadlock;
    }

    /** The kind a dump names so, or null if none is. */
    public static ReportKind fromDumpName(String name) {
        for (ReportKind k : values()) {
            if (k.dumpName.equals(name)) {
                return k;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return dumpName;
    }
}
