package dev.jlockdep.core;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Every thread's {@link HeldLocks}, as the kernel keeps {@code current->held_locks} in the task: the
 * current thread's is found through a table by thread id (three loads) before the ThreadLocal (six),
 * and, once the watchdog asks, every thread's is kept in a list it can walk.
 */
final class ThreadStates {
    private final ThreadLocal<HeldLocks> threads = ThreadLocal.withInitial(this::newThread);
    /**
     * The held stacks by thread id. Slots are written racily; a reader only trusts a slot that names its
     * own thread, and a thread whose slot another live thread holds uses the ThreadLocal.
     */
    private final HeldLocks[] byThreadId = new HeldLocks[4096];
    /** Every thread's held stack, kept only once {@link #trackAll()} is called (for the watchdog). */
    private volatile ConcurrentLinkedQueue<WeakReference<HeldLocks>> tracked;

    HeldLocks current() {
        Thread thread = Thread.currentThread();
        HeldLocks t = probe(byThreadId, thread);
        return t != null ? t : currentSlow(thread);
    }

    /**
     * The table the quick look-up reads, for the acquire path to keep in a field of its own: one load
     * fewer on the hottest path than through this object.
     */
    HeldLocks[] table() {
        return byThreadId;
    }

    /** The quick look-up: the thread's slot, if it names the thread; else null, for {@link #currentSlow}. */
    static HeldLocks probe(HeldLocks[] table, Thread thread) {
        HeldLocks t = table[(int) thread.getId() & (table.length - 1)];
        return t != null && t.thread == thread ? t : null;
    }

    HeldLocks currentSlow(Thread thread) {
        HeldLocks t = threads.get();
        int slot = slotOf(thread);
        HeldLocks other = byThreadId[slot];
        if (other == null || !other.thread.isAlive()) {
            byThreadId[slot] = t;
        }
        return t;
    }

    /** The thread of {@code t} is ending: its slot is free for another. */
    void ending(HeldLocks t) {
        int slot = slotOf(t.thread);
        if (byThreadId[slot] == t) {
            byThreadId[slot] = null;
        }
    }

    private int slotOf(Thread thread) {
        return (int) thread.getId() & (byThreadId.length - 1);
    }

    /** From now on every thread's held stack is kept in a list the watchdog can walk. */
    void trackAll() {
        if (tracked == null) {
            ConcurrentLinkedQueue<WeakReference<HeldLocks>> q = new ConcurrentLinkedQueue<>();
            HeldLocks self = current(); // this thread's stack may exist already
            self.watched = true;
            q.add(new WeakReference<>(self));
            tracked = q;
        }
    }

    private HeldLocks newThread() {
        HeldLocks t = new HeldLocks();
        ConcurrentLinkedQueue<WeakReference<HeldLocks>> q = tracked;
        if (q != null) {
            t.watched = true;
            q.add(new WeakReference<>(t));
        }
        return t;
    }

    /** The tracked threads still alive; forgets those that ended. */
    List<HeldLocks> tracked() {
        List<HeldLocks> live = new ArrayList<>();
        ConcurrentLinkedQueue<WeakReference<HeldLocks>> q = tracked;
        if (q == null) {
            return live;
        }
        for (Iterator<WeakReference<HeldLocks>> it = q.iterator(); it.hasNext(); ) {
            HeldLocks t = it.next().get();
            if (t == null || !t.thread.isAlive()) {
                it.remove();
            } else {
                live.add(t);
            }
        }
        return live;
    }
}
