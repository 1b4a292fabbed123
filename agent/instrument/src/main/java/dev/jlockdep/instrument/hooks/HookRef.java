package dev.jlockdep.instrument.hooks;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import net.bytebuddy.jar.asm.Type;

/**
 * A hook as rewritten code calls it: its name and descriptor, taken from the method itself, so that a
 * rewrite cannot name a hook that does not exist (the agent would not start) or call one with the
 * wrong descriptor ({@code NoSuchMethodError} at the application's lock site).
 *
 * @param descriptor the method descriptor, as an {@code invokestatic} of the bridge names it
 */
public record HookRef(String name, String descriptor) {

    /** The {@link Hook} method {@code name} of {@code owner} with these parameter types. */
    public static HookRef of(Class<?> owner, String name, Class<?>... parameters) {
        try {
            Method m = owner.getDeclaredMethod(name, parameters);
            if (!Modifier.isStatic(m.getModifiers()) || !m.isAnnotationPresent(Hook.class)) {
                throw new IllegalStateException("not a @Hook: " + m);
            }
            return new HookRef(name, Type.getMethodDescriptor(m));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("no hook " + owner.getSimpleName() + "." + name, e);
        }
    }
}
