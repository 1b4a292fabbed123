package dev.jlockdep.core;

/**
 * The kinds of event, as the hooks say them and as event class keys begin ({@code latch:...}): a
 * synchronizer's, a monitor's own wait and notify, and a thread's end.
 */
public final class EventKinds {
    public static final String LATCH = "latch";
    public static final String SEMAPHORE = "semaphore";
    public static final String CONDITION = "condition";
    /** A monitor's wait and notify: named after the monitor itself. */
    public static final String NOTIFY = "notify";
    /** A thread's end, which its joiners wait for: kept apart from a notify on that thread object. */
    public static final String THREAD = "thread";

    private EventKinds() {
    }
}
