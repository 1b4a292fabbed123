package dev.jlockdep.api.kernel;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes the whole method a memalloc scope: the agent sets the {@link Memalloc} bits in {@link #value()}
 * when the method is entered and restores the previous ones however it exits, as a
 * {@code memalloc_nofs_save}/{@code memalloc_nofs_restore} pair around its body would.
 */
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface MemallocScope {
    /** {@link Memalloc#NOFS}, {@link Memalloc#NOIO} or {@link Memalloc#NORECLAIM}, or several or'ed. */
    int value();
}
