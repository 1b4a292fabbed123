package dev.jlockdep.instrument.juc;

import dev.jlockdep.core.InstanceSlots;
import dev.jlockdep.core.LockMode;
import dev.jlockdep.core.LockObjects;
import dev.jlockdep.core.WaitType;
import dev.jlockdep.core.model.ClassKey;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.util.concurrent.locks.AbstractQueuedLongSynchronizer;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.concurrent.locks.StampedLock;

/**
 * What the validator needs to know about {@code java.util.concurrent} lock objects. A read-write lock's
 * read and write views, a lock's conditions and the lock itself all lead to one identity object (the
 * lock's synchronizer, or the {@code StampedLock}), read through private fields that {@code ModuleAccess}
 * opens to the agent at start-up. Looked up once per runtime class; any other object is its own identity.
 */
public final class JucLocks implements LockObjects {

    /** How to treat objects of one runtime class. */
    private record Kind(Field identityField, int mode, boolean reentrant, String name) {
    }

    private static final String RRWL = ReentrantReadWriteLock.class.getName();
    /** The api's pseudo-lock; named when created (see {@code ApiHooks.registerMap}). */
    private static final String PSEUDO_LOCK = "dev.jlockdep.api.LockdepMap";

    private final InstanceSlots slots;

    /** @param fields the objects that keep the validator's entry in a field of their own */
    public JucLocks(InstanceSlots fields) {
        this.slots = new LockSlots(fields);
    }

    /**
     * Where entries are kept: a {@code ReentrantLock}'s as its synchronizer's, which its conditions find it
     * by (one entry per lock, not two: each is a weak reference a collection must copy and clear, and Jetty
     * makes locks by the hundred thousand a second); other objects' as {@code fields} say.
     */
    private static final class LockSlots implements InstanceSlots {
        /** The identity field {@link JucLocks#identity} reads of a {@code ReentrantLock}; null where it is not open to the agent. */
        private static final MethodHandle SYNC = syncGetter();
        private final InstanceSlots fields;

        LockSlots(InstanceSlots fields) {
            this.fields = fields;
        }

        private static MethodHandle syncGetter() {
            Field f = kindOf(ReentrantLock.class).identityField();
            try {
                return f == null ? null : MethodHandles.lookup().unreflectGetter(f)
                        .asType(MethodType.methodType(Object.class, Object.class));
            } catch (IllegalAccessException e) {
                return null;
            }
        }

        @Override
        public long slotOf(Class<?> type) {
            return SYNC != null && ReentrantLock.class.isAssignableFrom(type) ? AS_IDENTITY : fields.slotOf(type);
        }

        @Override
        public Object identityOf(Object o) {
            try {
                Object sync = (Object) SYNC.invokeExact(o);
                return sync != null ? sync : o;
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public Object get(Object o, long slot) {
            return fields.get(o, slot);
        }

        @Override
        public boolean compareAndSet(Object o, long slot, Object expected, Object value) {
            return fields.compareAndSet(o, slot, expected, value);
        }
    }

    private final ClassValue<Kind> kinds = new ClassValue<>() {
        @Override
        protected Kind computeValue(Class<?> type) {
            return kindOf(type);
        }
    };

    private static Kind kindOf(Class<?> type) {
        if (ReentrantLock.class.isAssignableFrom(type)) {
            return new Kind(field(ReentrantLock.class, "sync"), LockMode.EXCLUSIVE, true, null);
        }
        if (ReentrantReadWriteLock.class.isAssignableFrom(type)) {
            return new Kind(field(ReentrantReadWriteLock.class, "sync"), LockMode.EXCLUSIVE, true, null);
        }
        if (ReentrantReadWriteLock.ReadLock.class.isAssignableFrom(type)) {
            return new Kind(field(ReentrantReadWriteLock.ReadLock.class, "sync"), LockMode.READ, true, RRWL);
        }
        if (ReentrantReadWriteLock.WriteLock.class.isAssignableFrom(type)) {
            return new Kind(field(ReentrantReadWriteLock.WriteLock.class, "sync"), LockMode.EXCLUSIVE, true, RRWL);
        }
        if (type == AbstractQueuedSynchronizer.ConditionObject.class
                || type == AbstractQueuedLongSynchronizer.ConditionObject.class) {
            return new Kind(field(type, "this$0"), LockMode.EXCLUSIVE, true, null);
        }
        if (type.getName().equals(PSEUDO_LOCK)) {
            // lockdep maps are not reentrant: taking one that is held is recursive locking
            return new Kind(null, LockMode.EXCLUSIVE, false, null);
        }
        if (StampedLock.class.isAssignableFrom(type)) {
            return new Kind(null, LockMode.EXCLUSIVE, false, null);
        }
        if (type.getEnclosingClass() == StampedLock.class) {
            int mode = type.getSimpleName().equals("ReadLockView") ? LockMode.READ : LockMode.EXCLUSIVE;
            return new Kind(field(type, "this$0"), mode, false, StampedLock.class.getName());
        }
        return new Kind(null, LockMode.EXCLUSIVE, true, null);
    }

    /** A private field of a JDK lock class, or null where this JDK has none of that name. */
    private static Field field(Class<?> owner, String name) {
        try {
            Field f = owner.getDeclaredField(name);
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    @Override
    public Object identity(Object lock) {
        Field f = kinds.get(lock.getClass()).identityField();
        if (f == null) {
            return lock;
        }
        try {
            Object id = f.get(lock);
            return id != null ? id : lock;
        } catch (IllegalAccessException e) {
            return lock;
        }
    }

    @Override
    public boolean ownerless(Object lock) {
        return identity(lock) instanceof StampedLock;
    }

    /**
     * Held in either mode: a stamp converted by code the agent does not rewrite (a method reference,
     * reflection) holds the lock in the other mode than its entry's, and that holding must stay.
     */
    @Override
    public boolean heldNow(Object lock) {
        return !(identity(lock) instanceof StampedLock s) || s.isWriteLocked() || s.isReadLocked();
    }

    @Override
    public int impliedMode(Object lock) {
        return kinds.get(lock.getClass()).mode();
    }

    @Override
    public boolean reentrant(Object lock) {
        return kinds.get(lock.getClass()).reentrant();
    }

    @Override
    public String[] classKeyAndName(Object lock) {
        String name = kinds.get(lock.getClass()).name();
        if (name == null) {
            return LockObjects.MONITORS.classKeyAndName(lock);
        }
        return new String[] {ClassKey.runtimeClass(name), name};
    }

    @Override
    public InstanceSlots slots() {
        return slots;
    }

    @Override
    public WaitType waitType(Object lock) {
        return waitType(lock.getClass());
    }

    private static WaitType waitType(Class<?> type) {
        return type.getName().equals(PSEUDO_LOCK) ? WaitType.NONE : WaitType.SLEEP;
    }

    @Override
    public ClassTraits traits(Class<?> type) {
        Kind k = kinds.get(type);
        return new ClassTraits(k.identityField() == null, k.mode(), k.reentrant(), waitType(type));
    }
}
