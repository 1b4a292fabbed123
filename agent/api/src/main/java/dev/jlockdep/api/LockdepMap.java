package dev.jlockdep.api;

/**
 * A lock that exists only for the validator, as the kernel's {@code struct lockdep_map}: a state or an
 * event that code can wait on as it would on a lock. Acquiring it records the same dependencies a
 * lock would, so cycles through it are found: {@code fs_reclaim} (taken by every allocation that may
 * reclaim memory and held by reclaim itself), workqueue and work-item maps, seqcount readers.
 * Without the agent every method does nothing.
 */
public final class LockdepMap {
    private final String name;

    /** A map of the class {@code name}: all maps of one name are one lock class (printed {@code {0:0}}). */
    public LockdepMap(String name) {
        this(name, name);
    }

    /**
     * A map of the class {@code key}, printed {@code name}, as the kernel's static {@code lock_class_key}
     * of an init site: maps of one key are one class; classes of one name but different keys print
     * {@code name}, {@code name#2}, ... in the order they were first seen.
     */
    public LockdepMap(String name, String key) {
        this.name = name;
        Lockdep.registerMap(this, key, name);
    }

    public String name() {
        return name;
    }

    /** {@code lock_map_acquire}: taken exclusively. */
    public void acquire() {
    }

    /** Taken for reading; a queued writer would block it ({@code lock_acquire_shared}). */
    public void acquireRead() {
    }

    /** Taken for reading, never blocked by readers ({@code lock_map_acquire_read}, seqcount readers). */
    public void acquireRecursiveRead() {
    }

    /** {@code lock_map_release}. */
    public void release() {
    }

    /** Taken and released at once: waiting for what the map stands for ({@code touch_work_lockdep_map}). */
    public void touch() {
    }
}
