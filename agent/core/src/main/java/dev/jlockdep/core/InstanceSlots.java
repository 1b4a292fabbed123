package dev.jlockdep.core;

/**
 * A field of a lock object's own that keeps its entry for the validator, where its class has one (the
 * instrumentation adds it to the application's classes as they load): the entry then lives and dies with
 * its object, with no table slot to grow, no queue and nothing to reap. Objects of other classes are kept
 * in {@link InstanceTable}'s table, or, where a lock object's identity is another object and stands for
 * it alone, as that identity ({@link #AS_IDENTITY}: a {@code ReentrantLock} as its synchronizer, which
 * its conditions find it by; one table entry per lock, not two). Where a class keeps its slot is asked
 * once per class ({@link #slotOf}); reading and writing it take that answer, so that a lock's look-up
 * asks no map of classes.
 */
public interface InstanceSlots {
    /** What {@link #slotOf} returns for a class whose objects keep no slot. */
    long NO_SLOT = -1;
    /** What {@link #slotOf} returns for a class whose objects keep their entry as their identity ({@link #identityOf}). */
    long AS_IDENTITY = -2;

    /** No object has a slot. */
    InstanceSlots NONE = new InstanceSlots() {
        @Override
        public long slotOf(Class<?> type) {
            return NO_SLOT;
        }

        @Override
        public Object get(Object o, long slot) {
            throw new IllegalStateException("no slot");
        }

        @Override
        public boolean compareAndSet(Object o, long slot, Object expected, Object value) {
            throw new IllegalStateException("no slot");
        }
    };

    /**
     * Where objects of runtime class {@code type} keep their slot (not negative; a field's offset), or
     * {@link #NO_SLOT}, or {@link #AS_IDENTITY}.
     */
    long slotOf(Class<?> type);

    /** Whether {@code slot}, as {@link #slotOf} answered it, is a field of the object's own. */
    static boolean isField(long slot) {
        return slot >= 0;
    }

    /**
     * The object whose table entry is that of {@code o}, of a class whose slot is {@link #AS_IDENTITY}:
     * the same object every time it is asked.
     */
    default Object identityOf(Object o) {
        throw new IllegalStateException("no identity");
    }

    /** The value of the slot of an object whose runtime class keeps it at {@code slot} (null until set). */
    Object get(Object o, long slot);

    /**
     * Sets the slot of an object whose class keeps it at {@code slot} if it still holds {@code expected} (by
     * identity); whether it did. Lets two threads that bind one object at once agree on one entry without a lock.
     */
    boolean compareAndSet(Object o, long slot, Object expected, Object value);
}
