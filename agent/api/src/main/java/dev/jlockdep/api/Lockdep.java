package dev.jlockdep.api;

import java.util.Comparator;

/**
 * Annotations for the lock validator, after the kernel's lockdep API. Without the agent, every method
 * does nothing and returns its argument.
 */
public final class Lockdep {
    /** The subclass for one level of nesting of a class within itself (kernel: SINGLE_DEPTH_NESTING). */
    public static final int SINGLE_DEPTH_NESTING = 1;
    /** Wait type of a lock that spins ({@code spinlock_t}, printed {@code -{2:2}}). */
    public static final int WAIT_SPIN = 2;
    /** Wait type of a lock that puts the waiter to sleep ({@code mutex}, {@code rw_semaphore}: {@code -{3:3}}). */
    public static final int WAIT_SLEEP = 3;

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
     * As {@link #setClass(Object, String)}, with the lock's wait type ({@link #WAIT_SPIN} or
     * {@link #WAIT_SLEEP}), which its lock lines print as {@code -{outer:inner}}.
     *
     * @return {@code lock}
     */
    public static <T> T setClass(T lock, String name, int waitType) {
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

    /**
     * Declares the order in which instances of {@code lock}'s class may be taken one inside another, as
     * the kernel's {@code lock_set_cmp_fn} does: taking {@code inner} while holding {@code outer} is in
     * order when {@code order.compare(outer, inner) < 0}, and is then never reported; against the order,
     * it is reported at once ("possible recursive locking", with what the comparison returned). For
     * example {@code Lockdep.setOrder(account, Comparator.comparingLong(Account::id))}: accounts taken in
     * the order of their ids.
     *
     * @return {@code lock}
     */
    public static <T> T setOrder(T lock, Comparator<? super T> order) {
        return lock;
    }

    /**
     * Declares that instances of {@code lock}'s class nest parent outside child, a child being an instance
     * made while its thread held another of the class (its parent: a tree's node made under its parent's
     * lock, a segment made under the old one): a child taken inside its parent is in order and never
     * reported; a parent taken inside its child is reported at once ("possible recursive locking", the
     * comparison returning 1). Instances neither made under the other are judged as without it.
     *
     * @return {@code lock}
     */
    public static <T> T setOrderParentFirst(T lock) {
        return lock;
    }

    /**
     * {@code lockdep_assert_held}: reports (once per call site) a caller that does not hold {@code lock}
     * in any mode. For a read-write lock pass either view, or use the mode-checking variants.
     */
    public static void assertHeld(Object lock) {
    }

    /** {@code lockdep_assert_held_read}: {@code lock} must be held for reading. */
    public static void assertHeldRead(Object lock) {
    }

    /** {@code lockdep_assert_held_write}: {@code lock} must be held exclusively. */
    public static void assertHeldWrite(Object lock) {
    }

    /** {@code lockdep_assert_not_held}: {@code lock} must not be held by this thread. */
    public static void assertNotHeld(Object lock) {
    }

    /**
     * {@code WARN_ONCE}: reports {@code message} with this thread's held locks and stack, once per call
     * site and message; it counts as a report (dumps, {@code jlockdep check}, the JUnit extension).
     */
    public static void warnOnce(String message) {
    }

    /** Names a new {@link LockdepMap} (the agent gives it its class before it is ever taken). */
    static void registerMap(Object map, String key, String name) {
    }

    /**
     * For test frameworks: the test {@code name} starts running on this thread ({@code BankTest.transfer}).
     * A report made while it runs says it was first seen in it (the dump, {@code jlockdep check} and
     * {@code report}); jlockdep's JUnit listener calls this for every test.
     */
    public static void testStarted(String name) {
    }

    /** For test frameworks: the test {@code name}, which started on this thread, is over. */
    public static void testFinished(String name) {
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
