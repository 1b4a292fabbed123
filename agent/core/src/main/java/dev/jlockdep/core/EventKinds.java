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

    /**
     * Not an event: a class's initialization, which a thread that uses the class waits for while another
     * thread runs it (see {@link ClassInits}); a kind of the watchdog's waits only.
     */
    public static final String CLINIT = "clinit";

    private EventKinds() {
    }
}
