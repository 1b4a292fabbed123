package dev.jlockdep.core;

/**
 * lockdep's wait types, printed as the {@code -{outer:inner}} suffix of a lock name. Java monitors and
 * {@code java.util.concurrent} locks put the waiter to sleep; pseudo-locks (maps) have no wait type.
 */
public enum WaitType {
    NONE(0), SPIN(2), SLEEP(3);

    public final int level;

    WaitType(int level) {
        this.level = level;
    }
}
