package dev.jlockdep.api;

/**
 * Annotations for the lock validator, after the kernel's lockdep API. Without the agent, every method
 * does nothing and returns its argument.
 */
public final class Lockdep {
    /** The subclass for one level of nesting of a class within itself (kernel: SINGLE_DEPTH_NESTING). */
    public static final int SINGLE_DEPTH_NESTING = 1;

    private Lockdep() {
    }

    /**
     * Puts {@code lock} (a monitor object or a {@code java.util.concurrent} lock) in the lock class
     * {@code name}, as {@code lockdep_set_class} does: all locks given one name are one class.
     *
     * @return {@code lock}
     */
    public static <T> T setClass(T lock, String name) {
        return lock;
    }

    /**
     * Marks the next acquisition of {@code lock} by this thread as nesting subclass {@code subclass}
     * (0 to 7), as {@code mutex_lock_nested} does, so that taking a second lock of a class inside the
     * first is not reported as recursive locking: {@code synchronized (Lockdep.nested(child, 1)) {...}}.
     *
     * @return {@code lock}
     */
    public static <T> T nested(T lock, int subclass) {
        return lock;
    }

    /** Names a new {@link LockdepMap} (the agent gives it its class before it is ever taken). */
    static void registerMap(Object map, String name) {
    }

    /** Whether the agent runs and validates (it stops after the first report with {@code once=true}). */
    public static boolean isActive() {
        return false;
    }

    /** How many reports the agent has printed in this JVM so far. */
    public static int reportCount() {
        return 0;
    }

    /**
     * The text of the reports printed after the first {@code count} ({@link #reportCount()} taken
     * earlier), as printed: what a test can show when it fails because a report appeared.
     */
    public static String[] reportsSince(int count) {
        return new String[0];
    }
}
