package dev.jlockdep.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a lock wrapper (a method, or every method of a class): the locks it takes, releases or asserts
 * are recorded at the place that called it, as the kernel records a lock at its caller's address
 * ({@code _RET_IP_}), so that {@code at:} lines name the code that wanted the lock rather than the
 * wrapper. Wrappers calling wrappers are skipped through. Each such operation costs a short stack walk.
 * The waits and signals inside one (a latch's {@code await}, a condition's {@code signal}) are taken for
 * its plumbing, not for events the agent checks: the primitive says with its maps what they mean.
 */
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface LockPrimitive {
}
