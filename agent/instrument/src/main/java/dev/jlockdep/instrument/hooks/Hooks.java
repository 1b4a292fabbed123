package dev.jlockdep.instrument.hooks;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.bytebuddy.jar.asm.Type;

/** Every hook, as the bridge exports them: the {@link Hook} methods of the hook classes. */
public final class Hooks {
    /** The classes whose {@link Hook} methods rewritten code calls. */
    public static final List<Class<?>> CLASSES = List.of(LockHooks.class, StampedLockHooks.class, MapHooks.class,
            EventHooks.class, TaskHooks.class, ApiHooks.class, ClinitHooks.class);

    private Hooks() {
    }

    /** Every hook; two with one name and descriptor would be one bridge method, and are refused. */
    public static List<Method> all() {
        List<Method> hooks = new ArrayList<>();
        Set<String> signatures = new HashSet<>();
        for (Class<?> c : CLASSES) {
            for (Method m : c.getDeclaredMethods()) {
                if (!m.isAnnotationPresent(Hook.class)) {
                    continue;
                }
                if (!Modifier.isPublic(m.getModifiers()) || !Modifier.isStatic(m.getModifiers())) {
                    throw new IllegalStateException("a hook must be public and static: " + m);
                }
                if (m.getAnnotation(Hook.class).onlyWhileInitializing() && m.getReturnType() != void.class) {
                    throw new IllegalStateException("a hook skipped while no class initializes returns nothing: " + m);
                }
                if (!signatures.add(m.getName() + Type.getMethodDescriptor(m))) {
                    throw new IllegalStateException("two hooks with one signature: " + m);
                }
                hooks.add(m);
            }
        }
        return hooks;
    }

    /** Whether the api method {@code name}{@code descriptor} has a hook that stands for it. */
    public static boolean standsForApi(String name, String descriptor) {
        for (Method m : ApiHooks.class.getDeclaredMethods()) {
            if (m.isAnnotationPresent(Hook.class) && m.getName().equals(name)
                    && Type.getMethodDescriptor(m).equals(descriptor)) {
                return true;
            }
        }
        return false;
    }
}
