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
}
