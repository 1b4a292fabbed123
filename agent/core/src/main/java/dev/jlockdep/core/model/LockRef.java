package dev.jlockdep.core.model;

/**
 * One lock as a report line shows it: {@code <instance> (<name>){usage}-{o:i}, at: <frame>}.
 *
 * @param instanceId the instance, printed where the kernel prints the lock's address
 * @param classKey   the stable key of its class
 * @param bareName   the class name with {@code #version} and {@code /subclass}
 * @param decorated  {@code (bareName){usage}-{outer:inner}}
 * @param mode       how it is (being) taken, with lockdep's read values
 * @param at         where it was acquired
 */
public record LockRef(String instanceId, String classKey, String bareName, String decorated, int mode, Frame at) {
    /** Taken for reading (lockdep's read value 1, or 2 for a recursive read), not exclusively (0). */
    public boolean read() {
        return mode != 0;
    }
}
