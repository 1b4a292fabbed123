package dev.jlockdep.instrument.transform;

/**
 * One way of rewriting classes: the application's (monitors, lock call sites, new locks), or one for a
 * JDK type the agent teaches lockdep's annotations to (a pool, a thread's end), or the api's bridge.
 */
public interface ClassRewrite {
    /** Whether this rewrite is for the class, by its internal name ({@code java/util/Vector}). */
    boolean matches(String internalName);

    /**
     * The class file rewritten, or null if nothing in it changed; {@code loaded}: the class is loaded
     * already (a retransformation), so its methods and their modifiers must stay as they are.
     */
    byte[] rewrite(byte[] classFile, ClassLoader loader, boolean loaded, RewriteContext context);

    /** Whether its classes are loaded before the agent starts, and are retransformed then. */
    default boolean retransformAtStart() {
        return false;
    }
}
