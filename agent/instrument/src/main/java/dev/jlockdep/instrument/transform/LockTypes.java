package dev.jlockdep.instrument.transform;

import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether a class named in bytecode is a lock type (a {@code Lock}, {@code ReadWriteLock} or
 * {@code StampedLock}, subclasses included) or a synchronizer with an event ({@code CountDownLatch},
 * {@code Semaphore}, {@code Thread}), answered at instrumentation time from class files, without loading
 * any class. Used to bind new ones to the field they are stored in, or to the site that makes them.
 *
 * <p>Each class file is read once per class loader, for its header only (its superclass, interfaces and
 * instance fields), and what it is of these kinds is worked out from its supertypes' once: every call
 * site of every class asks, so this is most of what instrumenting a class would cost otherwise.
 *
 * <p>Loops, not streams or lambdas handed to the JDK's collections: the compiler directive that leaves
 * this package to C1 ({@code AgentCompilation}) applies to methods compiled as roots, so C2 would compile
 * a hot JDK method (a spliterator's {@code tryAdvance}) with a header read and ASM's parsing inlined.
 */
public final class LockTypes {
    private static final int LOCK = 1;
    private static final int READ_WRITE_LOCK = 1 << 1;
    private static final int STAMPED_LOCK = 1 << 2;
    /** {@code CountDownLatch}, {@code Semaphore} and {@code Thread}: synchronizers with an event. */
    private static final int SYNCHRONIZER = 1 << 3;
    /** The JDK's synchronized collections: their monitors are named after the field they are stored in. */
    private static final int MONITOR_COLLECTION = 1 << 4;
    private static final int LOCK_TYPE = LOCK | READ_WRITE_LOCK | STAMPED_LOCK | SYNCHRONIZER | MONITOR_COLLECTION;
    private static final Map<String, Integer> KIND_OF_JDK_TYPE = Map.of(
            "java/util/concurrent/locks/Lock", LOCK,
            "java/util/concurrent/locks/ReadWriteLock", READ_WRITE_LOCK,
            "java/util/concurrent/locks/StampedLock", STAMPED_LOCK,
            "java/util/concurrent/CountDownLatch", SYNCHRONIZER,
            "java/util/concurrent/Semaphore", SYNCHRONIZER,
            "java/lang/Thread", SYNCHRONIZER,
            "java/util/Vector", MONITOR_COLLECTION,
            "java/util/Hashtable", MONITOR_COLLECTION,
            "java/lang/StringBuffer", MONITOR_COLLECTION);
    /** Deeper than any real hierarchy: a guard against class files that name each other as supertypes. */
    private static final int MAX_DEPTH = 64;

    /** The headers read, by class loader (null: the JDK's classes, the same for every loader) and class. */
    private final Map<ClassLoader, Map<String, Header>> headers = new WeakHashMap<>();

    /** A class file's header, with what the questions worked out from it. */
    private static final class Header {
        /** Shared by every class that cannot be read: of no kind, never worked out again. */
        static final Header MISSING = new Header(new ClassFileHeader(0, null, new String[0], List.of()), 0);

        final ClassFileHeader file;
        /** The kinds above that the class is, through any of its supertypes; -1 until first asked. */
        volatile int kinds;
        /** Whether it keeps a lock of its own in a field: worked out when first asked. */
        volatile Boolean keepsALock;

        Header(ClassFileHeader file, int kinds) {
            this.file = file;
            this.kinds = kinds;
        }

        Header(ClassFileHeader file) {
            this(file, -1);
        }
    }

    /**
     * Remembers the header of a class being rewritten, so that its class file is not read again when
     * another class names it (its supertypes are read only if a question needs them).
     */
    public void learn(String internalName, byte[] classFile, ClassLoader loader) {
        if (!isJdk(internalName)) {
            Map<String, Header> known = headersOf(loader);
            if (!known.containsKey(internalName)) {
                ClassFileHeader file = ClassFileHeader.of(classFile);
                if (file != null) {
                    known.putIfAbsent(internalName, new Header(file));
                }
            }
        }
    }

    /**
     * Whether new instances of a class are locks or synchronizers, to bind where they are made.
     *
     * @param internalName a class name as bytecode writes it ({@code com/acme/TimedLock})
     */
    public boolean isLockType(String internalName, ClassLoader loader) {
        Header h = header(internalName, loader, 0);
        return !h.file.isInterface() && (kinds(internalName, h, loader, 0) & LOCK_TYPE) != 0;
    }

    /**
     * Whether new instances of a class are the JDK's synchronized collections ({@code Vector},
     * {@code Hashtable}, {@code StringBuffer} and their subclasses), bound only when stored in a field.
     */
    public boolean isMonitorCollection(String internalName, ClassLoader loader) {
        return internalName.startsWith("java/") && (kinds(internalName, null, 0) & MONITOR_COLLECTION) != 0;
    }

    /**
     * Whether instances of an application class keep a lock of their own in a field (and are no lock
     * themselves): perhaps a lock wrapper, whose lock is then named after where the instance is kept.
     */
    public boolean keepsALock(String internalName, ClassLoader loader) {
        if (isJdk(internalName)) {
            return false;
        }
        Header h = header(internalName, loader, 0);
        Boolean keeps = h.keepsALock;
        if (keeps == null) {
            keeps = false;
            if ((kinds(internalName, h, loader, 0) & LOCK) == 0) {
                for (String f : h.file.fieldTypes()) {
                    if ((kinds(f, loader, 0) & (LOCK | READ_WRITE_LOCK)) != 0) {
                        keeps = true;
                        break;
                    }
                }
            }
            h.keepsALock = keeps;
        }
        return keeps;
    }

    /** The superclass of an application class as bytecode names it, or null (none, a JDK class, unreadable). */
    public String superclassOf(String internalName, ClassLoader loader) {
        if (isJdk(internalName)) {
            return null;
        }
        String s = header(internalName, loader, 0).file.superName();
        return s == null || s.startsWith("java/") ? null : s;
    }

    /** Whether a class or interface named in bytecode is a {@code Lock} (a subclass of {@code ReentrantLock}, say). */
    public boolean isLock(String internalName, ClassLoader loader) {
        return (kinds(internalName, loader, 0) & LOCK) != 0;
    }

    private static boolean isJdk(String internalName) {
        return internalName.startsWith("java/") || internalName.startsWith("jdk/") || internalName.startsWith("[");
    }

    /** The header of a class as {@code loader} finds it; {@link Header#MISSING} for one it cannot find or read. */
    private Header header(String internalName, ClassLoader loader, int depth) {
        if (internalName.startsWith("[") || depth > MAX_DEPTH) {
            return Header.MISSING;
        }
        ClassLoader definer = isJdk(internalName) ? null : loader;
        Map<String, Header> known = headersOf(definer);
        Header h = known.get(internalName);
        if (h == null) {
            h = read(internalName, definer);
            known.put(internalName, h);
        }
        return h;
    }

    private static Header read(String internalName, ClassLoader loader) {
        // a class file that cannot be read is not bound early; it is named at first use
        ClassFileHeader file = ClassFiles.header(internalName, loader, !isJdk(internalName));
        return file == null ? Header.MISSING : new Header(file);
    }

    private int kinds(String internalName, ClassLoader loader, int depth) {
        return kinds(internalName, header(internalName, loader, depth), loader, depth);
    }

    /** The kinds of a class: its own (a JDK type's) and its supertypes', worked out once. */
    private int kinds(String internalName, Header h, ClassLoader loader, int depth) {
        int k = h.kinds;
        if (k < 0) {
            ClassLoader definer = isJdk(internalName) ? null : loader;
            k = KIND_OF_JDK_TYPE.getOrDefault(internalName, 0);
            if (h.file.superName() != null) {
                k |= kinds(h.file.superName(), definer, depth + 1);
            }
            for (String i : h.file.interfaces()) {
                k |= kinds(i, definer, depth + 1);
            }
            h.kinds = k;
        }
        return k;
    }

    private synchronized Map<String, Header> headersOf(ClassLoader loader) {
        return headers.computeIfAbsent(loader, l -> new ConcurrentHashMap<>());
    }
}
