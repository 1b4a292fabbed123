package dev.jlockdep.core;

/**
 * A field of a lock object's own that keeps its entry for the validator, where its class has one (the
 * instrumentation adds it to the application's classes as they load): the entry then lives and dies with
 * its object, with no table slot to grow, no queue and nothing to reap. Objects of other classes are kept
 * in {@link InstanceTable}'s table.
 */
public interface InstanceSlots {
    /** What {@link #get} returns for an object whose class keeps no slot. */
    Object NO_SLOT = new Object();

    /** No object has a slot. */
    InstanceSlots NONE = new InstanceSlots() {
        @Override
        public Object get(Object o) {
            return NO_SLOT;
        }

        @Override
        public boolean compareAndSet(Object o, Object expected, Object value) {
            throw new IllegalStateException("no slot");
        }

        @Override
        public boolean keptBy(Class<?> type) {
            return false;
        }
    };

    /** The value of the object's slot (null until set), or {@link #NO_SLOT} if its class keeps none. */
    Object get(Object o);

    /**
     * Sets the slot of an object whose class keeps one if it still holds {@code expected} (by identity);
     * whether it did. Lets two threads that bind one object at once agree on one entry without a lock.
     */
    boolean compareAndSet(Object o, Object expected, Object value);

    /** Whether objects of runtime class {@code type} keep a slot: {@link #get} is not {@link #NO_SLOT} for them. */
    boolean keptBy(Class<?> type);
}
