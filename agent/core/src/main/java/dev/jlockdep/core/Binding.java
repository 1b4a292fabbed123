package dev.jlockdep.core;

/**
 * What the validator knows of one lock instance: its class (decided the first time the instance is
 * seen, from the best name available then) and a serial number that identifies it in reports.
 * The read and write views of one read-write lock share a binding.
 */
public final class Binding {
    private final LockClass lockClass;
    private final long serial;
    private final boolean reentrant;

    Binding(LockClass lockClass, long serial, boolean reentrant) {
        this.lockClass = lockClass;
        this.serial = serial;
        this.reentrant = reentrant;
    }

    public LockClass lockClass() {
        return lockClass;
    }

    public long serial() {
        return serial;
    }

    /** False for locks such as {@code StampedLock} that deadlock when their holder takes them again. */
    public boolean reentrant() {
        return reentrant;
    }

    /** The instance as a report prints it where the kernel prints the lock's address. */
    public static String instanceId(long serial) {
        String hex = Long.toHexString(serial);
        return "0000000000000000".substring(hex.length()) + hex;
    }
}
