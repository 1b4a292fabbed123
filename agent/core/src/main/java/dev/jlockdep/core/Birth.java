package dev.jlockdep.core;

/**
 * Where a lock instance was made, when its maker held locks then: the evidence of the lifecycle triage
 * (an instance taken in the very holding it was made in, which no other thread could hold yet) and of
 * the same-class one (a child made under its parent).
 *
 * @param thread        the id of the thread that made it
 * @param under         the serial of the instance that thread held innermost
 * @param underPush     that holding's push (its entry's {@code pushedAt}): the holding, not just the instance
 * @param underOwnClass the serial of the topmost instance of its own class that thread held, or 0
 */
record Birth(long thread, long under, int underPush, long underOwnClass) {
    /** The birth of a lock of class {@code classId} made now by {@code maker}'s thread; null if it holds nothing. */
    static Birth of(HeldLocks maker, int classId) {
        if (maker.depth == 0) {
            return null;
        }
        HeldLocks.Entry under = maker.madeUnderTop();
        return new Birth(maker.threadId, under.serial, under.pushedAt, maker.topSerialOf(classId));
    }

    /**
     * Whether {@code b} is taken by {@code t} now, under its top lock, in the holding it was made in: made
     * by this thread while that holding was its innermost, taken by no other thread since, and with no
     * work handed to another thread in that holding (a thread made, a task queued, a signal sent), which
     * might take it first in another run.
     */
    static boolean takenWhereMade(HeldLocks t, Binding b) {
        Birth birth = b.birth;
        if (birth == null || t.depth == 0) {
            return false;
        }
        HeldLocks.Entry top = t.at(t.depth - 1);
        return birth.under == top.serial && birth.underPush == top.pushedAt && birth.thread == t.threadId
                && b.owner != Binding.SHARED && !t.handedOverSince(top);
    }
}
