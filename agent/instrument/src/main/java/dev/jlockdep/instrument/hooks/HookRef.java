package dev.jlockdep.instrument.hooks;

import net.bytebuddy.jar.asm.Type;

/**
 * A hook as rewritten code calls it: its name and descriptor, taken from the method itself, so that a
 * rewrite cannot name a hook that does not exist (the agent would not start) or call one with the
 * wrong descriptor ({@code NoSuchMethodError} at the application's lock site).
 *
 * {@code equals} and {@code hashCode} are written out, as a record's own are linked through
 * {@code ObjectMethods} at first use, which cost the agent's start-up about 20 ms on a 2-core host.
 *
 * @param descriptor the method descriptor, as an {@code invokestatic} of the bridge names it
 */
public record HookRef(String name, String descriptor) {

    @Override
    public boolean equals(Object o) {
        return o instanceof HookRef h && name.equals(h.name) && descriptor.equals(h.descriptor);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + descriptor.hashCode();
    }

    /** The {@link Hook} method {@code name} of {@code owner} with these parameter types. */
    public static HookRef of(Class<?> owner, String name, Class<?>... parameters) {
        StringBuilder arguments = new StringBuilder("(");
        for (Class<?> p : parameters) {
            arguments.append(Type.getDescriptor(p));
        }
        String prefix = arguments.append(')').toString();
        for (Hooks.HookMethod m : Hooks.declaredBy(owner)) {
            if (m.name().equals(name) && m.descriptor().startsWith(prefix)) {
                return new HookRef(name, m.descriptor());
            }
        }
        throw new IllegalStateException("no @Hook " + owner.getSimpleName() + "." + name + prefix);
    }
}
