package dev.jlockdep.instrument.hooks;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a public static method that rewritten code calls, through the bridge class in {@code java.lang}:
 * the bridge exports exactly these, under their own name and descriptor.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Hook {
    /**
     * The bridge calls it only while a static initializer the agent follows runs, on any thread (its
     * count is in the bridge, {@link dev.jlockdep.instrument.hooks.ClinitHooks}); otherwise the call is
     * a read of that count, which the JIT inlines.
     */
    boolean onlyWhileInitializing() default false;

    /**
     * The name of the hook's fast path, if it has one: a public static method of the same class, taking
     * the same arguments and returning true when it did all the hook had to do (else it changed nothing).
     * The bridge calls it where the JIT may inline it, and the hook itself, when it returned false, through
     * a method the JIT never inlines: the code the agent rewrites is compiled with the fast path in it and
     * a call to the rest. The hook stays whole: it may try the fast path's test again.
     */
    String fast() default "";
}
