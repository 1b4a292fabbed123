package dev.jlockdep.instrument.boot;

import dev.jlockdep.core.InstanceSlots;
import dev.jlockdep.core.LockObjects;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.HashSet;
import java.util.Set;

/**
 * The field the rewrite adds to each application class as it loads ({@link #NAME}: private, final,
 * transient, synthetic; a name no Java source can declare), read and written here through the JVM's own
 * {@code jdk.internal.misc.Unsafe} (exported to the agent when the bridge is installed) at an offset found
 * once per runtime class (and kept by the validator's table). It keeps the validator's entry of its
 * object ({@link InstanceSlots}). Transient and private, it changes neither serialization's default form
 * nor a computed {@code serialVersionUID}; final, it is left alone by the utilities that copy an object's
 * fields by reflection (a copied entry would be refused as another object's, and the object's own lost).
 * Only a class whose superclass is the JDK's declares it; the classes below use that one (one field per
 * object, not one per class of its hierarchy). A lock object ({@code Lock}, {@code ReadWriteLock},
 * {@code StampedLock}, {@code Condition}) keeps none even when its class is the application's: its entry
 * stays in the table.
 */
public final class InstanceFields implements InstanceSlots {
    public static final String NAME = "jlockdep-instance";
    public static final String DESCRIPTOR = "Ljava/lang/Object;";
    public static final InstanceFields INSTANCE = new InstanceFields();

    private InstanceFields() {
    }

    /**
     * Binds the JVM's accessors now, at start-up, after the bridge exported their package, rather than in
     * the first hook that needs them.
     */
    public static void install() {
        Access.GET.type(); // initializes the holder, which fails the start-up if the JVM refuses
    }

    /** The field's offset in objects of this runtime class, or {@link #NO_SLOT} if they keep their entry in the table. */
    @Override
    public long slotOf(Class<?> type) {
        return type.isArray() || LockObjects.isLockObject(type) ? NO_SLOT : fieldOffset(type);
    }

    @Override
    public Object get(Object o, long slot) {
        try {
            return (Object) Access.GET.invokeExact(o, slot);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    @Override
    public boolean compareAndSet(Object o, long slot, Object expected, Object value) {
        try {
            return (boolean) Access.CAS.invokeExact(o, slot, expected, value);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** Whether a class with this superclass (an internal name) declares the field: one whose superclass is the JDK's. */
    public static boolean declaredBelow(String superName) {
        if (superName == null) {
            return true; // java.lang.Object itself, or a module descriptor
        }
        int slash = superName.lastIndexOf('/');
        return slash >= 0 && JdkPackages.ALL.contains(superName.substring(0, slash)); // none of the JDK's is unnamed
    }

    /**
     * Whether a loaded class has the field, its own or a superclass's: it was rewritten as it loaded (after
     * its superclass), and a retransformation or redefinition (a debugger's hot swap, another agent) must
     * rewrite it the same way, or the JVM refuses the new version.
     */
    public static boolean hasField(Class<?> c) {
        return !c.isArray() && fieldOffset(c) >= 0;
    }

    /** The offset of the field the class, or the nearest of its superclasses that has one, declares; else -1. */
    private static long fieldOffset(Class<?> type) {
        for (Class<?> c = type; c != null && LockObjects.isApplications(c); c = c.getSuperclass()) {
            try {
                return (long) Access.OFFSET.invokeExact(c, NAME);
            } catch (InternalError notDeclaredHere) {
                // the JVM says so with an error: a subclass, or a class loaded before the agent or left alone by its filter
            } catch (Throwable t) {
                return NO_SLOT;
            }
        }
        return NO_SLOT;
    }

    /**
     * The packages of the modules the JVM started with (internal form): the JDK's, and the application's own
     * named modules if it has any (their subclasses then declare a field of their own, needlessly but right).
     */
    private static final class JdkPackages {
        static final Set<String> ALL = read();

        private static Set<String> read() {
            Set<String> packages = new HashSet<>();
            for (Module m : ModuleLayer.boot().modules()) {
                for (String p : m.getPackages()) {
                    packages.add(p.replace('.', '/'));
                }
            }
            return packages;
        }
    }

    /** The JVM's accessors, bound on first use, after the bridge exported their package. */
    private static final class Access {
        static final MethodHandle GET;
        static final MethodHandle CAS;
        static final MethodHandle OFFSET;

        static {
            try {
                Class<?> unsafeClass = Class.forName("jdk.internal.misc.Unsafe");
                Object unsafe = unsafeClass.getMethod("getUnsafe").invoke(null);
                MethodHandles.Lookup lookup = MethodHandles.lookup();
                GET = lookup.findVirtual(unsafeClass, "getReferenceAcquire",
                        MethodType.methodType(Object.class, Object.class, long.class)).bindTo(unsafe);
                CAS = lookup.findVirtual(unsafeClass, "compareAndSetReference", MethodType.methodType(boolean.class,
                        Object.class, long.class, Object.class, Object.class)).bindTo(unsafe);
                OFFSET = lookup.findVirtual(unsafeClass, "objectFieldOffset",
                        MethodType.methodType(long.class, Class.class, String.class)).bindTo(unsafe);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }
    }
}
