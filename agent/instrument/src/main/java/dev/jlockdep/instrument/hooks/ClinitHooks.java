package dev.jlockdep.instrument.hooks;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;

/**
 * Class initialization (see {@code ClassInits} in core): the hooks of an application class's static
 * initializer, at its start and at each way out, and of each use of another application class (a new
 * instance, a static field, a static method), which the bridge passes on only while an initializer runs.
 * What the JVM knows of a class's initialization comes from its own {@code jdk.internal.misc.Unsafe},
 * exported to the agent when the bridge is installed.
 */
public final class ClinitHooks {
    public static final HookRef INIT_STARTING = HookRef.of(ClinitHooks.class, "initStarting", Class.class, int.class);
    public static final HookRef INIT_ENDED = HookRef.of(ClinitHooks.class, "initEnded", Class.class, int.class);
    public static final HookRef CLASS_USE = HookRef.of(ClinitHooks.class, "classUse", Class.class);

    /** The bridge's count of initializers running; null until {@link #install}. */
    private static volatile VarHandle running;
    /** {@code Unsafe.shouldBeInitialized(Class)} and {@code ensureClassInitialized(Class)}, bound. */
    private static volatile MethodHandle notInitialized;
    private static volatile MethodHandle initialize;

    private ClinitHooks() {
    }

    /**
     * Binds the hooks to the bridge's count ({@code int}, static) and to the JVM's view of class
     * initialization, which {@code jdk.internal.misc} must be exported to this class's module for.
     */
    public static void install(VarHandle count) throws ReflectiveOperationException {
        Class<?> unsafeClass = Class.forName("jdk.internal.misc.Unsafe");
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        Object unsafe = unsafeClass.getMethod("getUnsafe").invoke(null);
        notInitialized = lookup.findVirtual(unsafeClass, "shouldBeInitialized",
                MethodType.methodType(boolean.class, Class.class)).bindTo(unsafe);
        initialize = lookup.findVirtual(unsafeClass, "ensureClassInitialized",
                MethodType.methodType(void.class, Class.class)).bindTo(unsafe);
        running = count;
    }

    /** The static initializer of {@code c} begins. */
    @Hook
    public static void initStarting(Class<?> c, int site) {
        VarHandle count = running;
        if (count != null) {
            count.getAndAdd(1);
            HookRuntime.guard(v -> v.initStarting(c, site));
        }
    }

    /** The static initializer of {@code c} returns or throws. */
    @Hook
    public static void initEnded(Class<?> c, int site) {
        VarHandle count = running;
        if (count != null) {
            HookRuntime.guard(v -> v.initEnded(c, site));
            count.getAndAdd(-1);
        }
    }

    /**
     * Code is about to use {@code c} while some initializer runs. If another thread initializes it, the
     * use is validated first, and the wait for it is made here, where the validator sees it begin and end
     * (the use itself then finds the class ready, or fails as it would have).
     */
    @Hook(onlyWhileInitializing = true)
    public static void classUse(Class<?> c) {
        try {
            if (!(boolean) notInitialized.invokeExact(c)) {
                return;
            }
        } catch (Throwable t) {
            HookRuntime.fault(t);
            return;
        }
        if (!HookRuntime.guard(v -> v.classUse(c), false)) {
            return;
        }
        try {
            initialize.invokeExact(c);
        } catch (Throwable failed) {
            // The initializer failed: the use that follows throws the JVM's own error, as without the agent.
        } finally {
            HookRuntime.guard(v -> v.initWaited(c));
        }
    }
}
