package dev.jlockdep.core;

/**
 * What part an object plays in the program, as its code shows: the instrumentation reads the code, the
 * binder asks. An object that makes lock-keeping objects and keeps them in no field (a cache making its
 * entries) is known to its users by a field (Derby's {@code DataDictionaryImpl.sequenceGeneratorCache}):
 * the locks of what it makes are then named per maker's role, so the entries of two caches are two lock
 * classes, as they never meet.
 */
public interface MakerRoles {
    /** Nothing is known: what a maker makes is named as if anyone had made it. */
    MakerRoles NONE = (maker, made) -> null;

    /**
     * The key and printed name of {@code maker}'s role, asked on the thread on which {@code maker}'s code is
     * making an object of class {@code made} (a binary name) now; null if the code does not say.
     */
    String[] roleOf(Object maker, String made);
}
