package dev.jlockdep.core;

/**
 * Where the initialization of an application class can begin, as the class files of the application
 * tell: the instrumentation reads them, the validator asks. A class's initialization takes its super's
 * first (JVMS 5.5, step 7), a dependency that closes a cycle with the super's initializer when that
 * makes the class; the cycle is a deadlock only if some thread can begin the class before the super.
 */
public interface InitOrigins {
    /** Nothing is known: every class may be begun first, from anywhere. */
    InitOrigins UNKNOWN = (c, s) -> false;

    /**
     * Whether only code that runs once the initialization of {@code s} has begun can begin that of
     * {@code c}, a subclass or an implementation of {@code s}.
     */
    boolean onlyAfter(Class<?> c, Class<?> s);
}
