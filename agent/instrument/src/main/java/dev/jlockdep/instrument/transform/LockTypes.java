package dev.jlockdep.instrument.transform;

import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Vector;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.StampedLock;
import java.util.function.Function;
import java.util.function.Supplier;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;

/**
 * Whether a class named in bytecode is a lock type (a {@code Lock}, {@code ReadWriteLock} or
 * {@code StampedLock}, subclasses included) or a synchronizer with an event ({@code CountDownLatch},
 * {@code Semaphore}, {@code Thread}), answered at instrumentation time from class files through
 * ByteBuddy's type pool, without loading any class. Used to bind new ones to the field they are stored
 * in, or to the site that makes them.
 */
public final class LockTypes {
    private static final TypeDescription LOCK = TypeDescription.ForLoadedType.of(Lock.class);
    private static final TypeDescription READ_WRITE_LOCK = TypeDescription.ForLoadedType.of(ReadWriteLock.class);
    private static final TypeDescription STAMPED_LOCK = TypeDescription.ForLoadedType.of(StampedLock.class);
    /** The JDK's synchronized collections: their monitors are named after the field they are stored in. */
    private static final List<TypeDescription> MONITOR_COLLECTIONS = List.of(
            TypeDescription.ForLoadedType.of(Vector.class), TypeDescription.ForLoadedType.of(Hashtable.class),
            TypeDescription.ForLoadedType.of(StringBuffer.class));
    private static final List<TypeDescription> SYNCHRONIZERS = List.of(
            TypeDescription.ForLoadedType.of(CountDownLatch.class), TypeDescription.ForLoadedType.of(Semaphore.class),
            TypeDescription.ForLoadedType.of(Thread.class));

    private final Map<ClassLoader, TypePool> pools = new WeakHashMap<>();
    private final Map<String, Boolean> jdkAnswers = new ConcurrentHashMap<>();
    /** Answers worked out already, by class loader (null for the boot loader's), question and class. */
    private final Map<ClassLoader, Map<String, Object>> answers = new WeakHashMap<>();
    /** A null answer, remembered. */
    private static final Object NO_ANSWER = new Object();
    private final Map<String, Boolean> jdkCollections = new ConcurrentHashMap<>();

    /**
     * Whether new instances of a class are locks or synchronizers, to bind where they are made.
     *
     * @param internalName a class name as bytecode writes it ({@code com/acme/TimedLock})
     */
    public boolean isLockType(String internalName, ClassLoader loader) {
        if (internalName.startsWith("java/") || internalName.startsWith("jdk/") || internalName.startsWith("[")) {
            return jdkAnswers.computeIfAbsent(internalName, n -> resolve(n, pool(null)));
        }
        return remembered(loader, "lockType:", internalName, () -> resolve(internalName, pool(loader)));
    }

    /**
     * Whether new instances of a class are the JDK's synchronized collections ({@code Vector},
     * {@code Hashtable}, {@code StringBuffer} and their subclasses), bound only when stored in a field.
     */
    public boolean isMonitorCollection(String internalName, ClassLoader loader) {
        if (!internalName.startsWith("java/")) {
            return false;
        }
        return jdkCollections.computeIfAbsent(internalName, n -> {
            try {
                TypePool.Resolution r = pool(null).describe(n.replace('/', '.'));
                return r.isResolved() && MONITOR_COLLECTIONS.stream().anyMatch(r.resolve()::isAssignableTo);
            } catch (RuntimeException | LinkageError e) {
                return false;
            }
        });
    }

    /**
     * Whether instances of an application class keep a lock of their own in a field (and are no lock
     * themselves): perhaps a lock wrapper, whose lock is then named after where the instance is kept.
     */
    public boolean keepsALock(String internalName, ClassLoader loader) {
        return remembered(loader, "keepsALock:", internalName, () -> ofApplicationType(internalName, loader, false,
                t -> !t.isAssignableTo(LOCK) && t.getDeclaredFields().stream().anyMatch(f -> !f.isStatic()
                        && (f.getType().asErasure().isAssignableTo(LOCK)
                                || f.getType().asErasure().isAssignableTo(READ_WRITE_LOCK)))));
    }

    /** The superclass of an application class as bytecode names it, or null (none, a JDK class, unreadable). */
    public String superclassOf(String internalName, ClassLoader loader) {
        return remembered(loader, "superclass:", internalName, () -> ofApplicationType(internalName, loader, null, t -> {
            String s = t.getSuperClass() == null ? null : t.getSuperClass().asErasure().getInternalName();
            return s == null || s.startsWith("java/") ? null : s;
        }));
    }

    /**
     * {@code question} asked of an application class read from its class file (not loaded); {@code otherwise}
     * for a JDK class or array, a class that cannot be found, or one whose types cannot be resolved.
     */
    private <T> T ofApplicationType(String internalName, ClassLoader loader, T otherwise,
                                    Function<TypeDescription, T> question) {
        if (internalName.startsWith("java/") || internalName.startsWith("jdk/") || internalName.startsWith("[")) {
            return otherwise;
        }
        try {
            TypePool.Resolution r = pool(loader).describe(internalName.replace('/', '.'));
            return r.isResolved() ? question.apply(r.resolve()) : otherwise;
        } catch (RuntimeException | LinkageError e) {
            return otherwise;
        }
    }

    /** Whether a class or interface named in bytecode is a {@code Lock} (a subclass of {@code ReentrantLock}, say). */
    public boolean isLock(String internalName, ClassLoader loader) {
        ClassLoader definer = internalName.startsWith("java/") ? null : loader;
        return remembered(definer, "lock:", internalName, () -> {
            try {
                TypePool.Resolution r = pool(definer).describe(internalName.replace('/', '.'));
                return r.isResolved() && r.resolve().isAssignableTo(LOCK);
            } catch (RuntimeException | LinkageError e) {
                return false; // its lock() and unlock() are still hooked, checked with instanceof
            }
        });
    }

    /**
     * The answer to {@code question} about a class as {@code loader} finds it, worked out once: a class
     * file says the same each time, and working it out resolves the class's hierarchy through the type
     * pool, which is most of what instrumenting a class costs when every call site asks.
     */
    @SuppressWarnings("unchecked")
    private <T> T remembered(ClassLoader loader, String question, String internalName, Supplier<T> answer) {
        Map<String, Object> known = answersOf(loader);
        String key = question + internalName;
        Object a = known.get(key);
        if (a == null) {
            T worked = answer.get();
            known.put(key, worked == null ? NO_ANSWER : worked);
            return worked;
        }
        return a == NO_ANSWER ? null : (T) a;
    }

    private synchronized Map<String, Object> answersOf(ClassLoader loader) {
        return answers.computeIfAbsent(loader, l -> new ConcurrentHashMap<>());
    }

    private synchronized TypePool pool(ClassLoader loader) {
        return pools.computeIfAbsent(loader, l -> TypePool.Default.of(l == null
                ? ClassFileLocator.ForClassLoader.ofBootLoader() : ClassFileLocator.ForClassLoader.of(l)));
    }

    private static boolean resolve(String internalName, TypePool pool) {
        try {
            TypePool.Resolution r = pool.describe(internalName.replace('/', '.'));
            if (!r.isResolved()) {
                return false;
            }
            TypeDescription type = r.resolve();
            return !type.isInterface() && (type.isAssignableTo(LOCK) || type.isAssignableTo(READ_WRITE_LOCK)
                    || type.isAssignableTo(STAMPED_LOCK) || SYNCHRONIZERS.stream().anyMatch(type::isAssignableTo)
                    || MONITOR_COLLECTIONS.stream().anyMatch(type::isAssignableTo));
        } catch (RuntimeException | LinkageError e) {
            return false; // a hierarchy that cannot be read is not bound early; it is named at first use
        }
    }
}
