package dev.jlockdep.core;

/**
 * One thread's memo of where the objects of the last two runtime classes it locked keep their slot
 * ({@link InstanceSlots}): a lock's look-up then costs a comparison, not a look-up by class (a
 * {@code ClassValue}'s costs several dependent loads on each acquisition). Two, as a thread often
 * alternates between two kinds of lock (a cache's entries inside its eviction lock). Like the held stack's
 * entries, it keeps the classes it names reachable until it names others.
 */
final class SlotMemo {
    private Class<?> lastType;
    private long lastSlot;
    private Class<?> otherType;
    private long otherSlot;

    /** Where objects of {@code type} keep their slot, or {@link InstanceSlots#NO_SLOT}, asking {@code table} on a miss. */
    long slotOf(Class<?> type, InstanceTable table) {
        if (type == lastType) {
            return lastSlot;
        }
        Class<?> t = otherType;
        long s = otherSlot;
        if (type != t) {
            t = type;
            s = table.slotOf(type);
        }
        otherType = lastType;
        otherSlot = lastSlot;
        lastType = t;
        lastSlot = s;
        return s;
    }
}
