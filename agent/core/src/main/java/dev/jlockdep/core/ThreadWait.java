package dev.jlockdep.core;

/**
 * The untimed wait a thread began last (for a monitor's notify, a condition, a latch, a permit, a
 * thread's end), as the watchdog reads it from another thread. A wait on a monitor or condition is
 * cleared when it ends; the others are not, so the watchdog checks the thread is still in it.
 *
 * @param sync       the object waited on (the monitor, condition, latch, semaphore or thread)
 * @param kind       its event kind ({@link EventKinds})
 * @param site       where the wait is
 * @param event      the event's binding
 * @param counted    whether its waiters are counted (a monitor's or condition's: the wait says when it ends)
 * @param since      {@link System#nanoTime()} when the wait began
 * @param lostBefore the event's last signal, sent before this wait when no thread waited, or null
 */
record ThreadWait(Object sync, String kind, int site, Binding event, boolean counted, long since,
                  LostSignal lostBefore) {
}
