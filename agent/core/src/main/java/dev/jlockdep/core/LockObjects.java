package dev.jlockdep.core;

import dev.jlockdep.core.model.ClassKey;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.StampedLock;

/**
 * What the validator needs to know about lock objects it has not seen before, supplied by the layer
 * that knows the concrete lock types (the instrumentation knows {@code java.util.concurrent}).
 */
public interface LockObjects {

    /** The object that is the lock itself: a read-write lock's read and write views share one. */
    Object identity(Object lock);

    /** The mode a lock object implies when its call site does not say ({@link LockMode}). */
    int impliedMode(Object lock);

    /** False for locks that deadlock when their holder takes them again. */
    boolean reentrant(Object lock);

    /**
     * Whether any thread may release the lock, not only the one that took it ({@code StampedLock}, which has
     * no owner, and its views): a release by a thread that does not hold it is a hand-off, not a bad unlock.
     */
    default boolean ownerless(Object lock) {
        return false;
    }

    /**
     * Whether the lock is held now, by any thread, in either mode; always true but for an {@linkplain
     * #ownerless ownerless} lock, whose entry on a thread's held stack is stale once it is not (another
     * thread released it).
     */
    default boolean heldNow(Object lock) {
        return true;
    }

    /** Which objects keep the validator's entry in a field of their own (none but where the instrumentation added one). */
    default InstanceSlots slots() {
        return InstanceSlots.NONE;
    }

    /** The class key and printed name of an object with no better name: its runtime class. */
    String[] classKeyAndName(Object lock);

    /** Monitors and {@code java.util.concurrent} locks sleep; pseudo-locks have no wait type. */
    WaitType waitType(Object lock);

    /**
     * What {@link #identity}, {@link #impliedMode}, {@link #reentrant} and {@link #waitType} answer for every
     * object of runtime class {@code type}: asked once per class by the binder, not of each new object (a
     * cache's nodes, bound by the thousand).
     */
    ClassTraits traits(Class<?> type);

    /**
     * The answers that are the same for every object of a runtime class.
     *
     * @param ownIdentity every object of the class is its own {@linkplain #identity identity}
     */
    record ClassTraits(boolean ownIdentity, int impliedMode, boolean reentrant, WaitType waitType) {
    }

    /**
     * Whether a monitor of this runtime class is named by it rather than by a field it was read from: an object
     * of the program's own type (not a plain {@code Object}, not the JDK's, not a lock object) is what it
     * is wherever it is read from (H2's {@code Database} is {@code org.h2.engine.Database}, not
     * {@code Schema.database}, the first field it happened to be read from).
     */
    static boolean namedByType(Class<?> type) {
        return !isLockObject(type) && isApplications(type);
    }

    /** Whether objects of this runtime class are lock objects (or a lock's condition) rather than plain monitors. */
    static boolean isLockObject(Class<?> type) {
        return mayBeLeftHeld(type) || Condition.class.isAssignableFrom(type);
    }

    /** Whether a class is the application's: loaded by neither the boot nor the platform loader. */
    static boolean isApplications(Class<?> type) {
        ClassLoader loader = type.getClassLoader();
        return loader != null && loader != ClassLoader.getPlatformClassLoader();
    }

    /**
     * Whether a holder can leave a lock of this runtime class held on an object it then drops: a lock object's holding has no
     * end a frame enforces, a monitor's ends with its block (see {@link FirstHolding}).
     */
    static boolean mayBeLeftHeld(Class<?> type) {
        return Lock.class.isAssignableFrom(type) || ReadWriteLock.class.isAssignableFrom(type)
                || StampedLock.class.isAssignableFrom(type);
    }

    /** Plain monitors and the JDK's lock types: every object is a lock, the identity is the object. */
    LockObjects MONITORS = new LockObjects() {
        @Override
        public Object identity(Object lock) {
            return lock;
        }

        @Override
        public int impliedMode(Object lock) {
            return LockMode.EXCLUSIVE;
        }

        @Override
        public boolean reentrant(Object lock) {
            return true;
        }

        @Override
        public String[] classKeyAndName(Object lock) {
            String name = lock instanceof Class<?> c ? StableNames.of(c) + ".class"
                    : StableNames.of(lock.getClass());
            return new String[] {ClassKey.runtimeClass(name), name};
        }

        @Override
        public WaitType waitType(Object lock) {
            return WaitType.SLEEP;
        }

        @Override
        public ClassTraits traits(Class<?> type) {
            return MONITOR_TRAITS;
        }
    };

    /** What {@link #MONITORS} says of every class. */
    ClassTraits MONITOR_TRAITS = new ClassTraits(true, LockMode.EXCLUSIVE, true, WaitType.SLEEP);
}
