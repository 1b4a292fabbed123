package dev.jlockdep.core;

import dev.jlockdep.core.model.Frame;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;
import java.util.function.Supplier;

/**
 * What the validator knows of one lock instance: its class (decided the first time the instance is
 * seen, from the best name available then), a serial number that identifies it in reports, which
 * threads took it (one, or several: the evidence of thread confinement), and where it was made, if its
 * maker held locks then ({@link Birth}). The read and write views of one read-write lock share a binding.
 */
public final class Binding {
    /** {@link #owner} once a second thread took the instance (or for a pseudo-lock's, whose takers are unknown). */
    static final long SHARED = -1;
    private static final VarHandle OWNER;

    private static final VarHandle WAITERS;

    static {
        try {
            OWNER = MethodHandles.lookup().findVarHandle(Binding.class, "owner", long.class);
            WAITERS = MethodHandles.lookup().findVarHandle(Binding.class, "waiters", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final LockClass lockClass;
    private final long serial;
    private final boolean reentrant;
    /** The id of the one thread that took the instance so far; 0 before any, {@link #SHARED} after two. */
    volatile long owner;
    /** Where it was made, if known and its maker held a lock then; else null. */
    final Birth birth;
    /** Whether a holder can leave it held on an object it drops (a {@code java.util.concurrent} lock, not a monitor). */
    final boolean mayBeLeftHeld;
    /**
     * Its first holding while not settled (see {@link FirstHolding}), else null: written by its first
     * taker before it holds anything back, read by the next taker after it made the instance shared.
     */
    volatile FirstHolding firstHolding;
    /** For an event: the first two distinct sites threads waited for it at (untimed); null before a wait. */
    private volatile int[] waitSites;
    /** The wake-one signal site last warned of for this event: a repeat there would make the same warning. */
    private volatile int wakeOneWarnedAt;
    /** For an event: how many threads wait for it now (untimed), as the wait hooks count them. */
    private volatile int waiters;
    /** For an event: its latest signal if it found no thread waiting, else null (see {@link LostSignal}). */
    volatile LostSignal lostSignal;

    Binding(LockClass lockClass, long serial, boolean reentrant, Birth birth, boolean mayBeLeftHeld) {
        this.lockClass = lockClass;
        this.serial = serial;
        this.reentrant = reentrant;
        this.birth = birth;
        this.mayBeLeftHeld = mayBeLeftHeld;
    }

    /** Records an untimed wait for this event at {@code site} (racy: at worst a site is missed). */
    void waitedAt(int site) {
        int[] w = waitSites;
        if (site <= 0 || w != null && (w[0] == site || w[1] != 0)) {
            return;
        }
        waitSites = w == null ? new int[] {site, 0} : new int[] {w[0], site};
    }

    /** Two distinct sites threads waited for this event at, or null if there were fewer. */
    int[] twoWaitSites() {
        int[] w = waitSites;
        return w != null && w[1] != 0 ? w : null;
    }

    /** Whether a wake-one signal at {@code site} is the first since this event's last one elsewhere (racy: at worst said twice, and deduplicated). */
    boolean firstWakeOneAt(int site) {
        if (wakeOneWarnedAt == site) {
            return false;
        }
        wakeOneWarnedAt = site;
        return true;
    }

    /** A thread begins (+1) or ends (-1) an untimed wait for this event. */
    void waiting(int delta) {
        WAITERS.getAndAdd(this, delta);
    }

    /**
     * A signal of this event is sent now by {@code thread} at {@code site}: remembered as lost if no
     * thread waits for it (a repeat of the lost one kept, from the same thread and place, writes nothing).
     */
    void signalled(HeldLocks thread, int site, Supplier<List<Frame>> stack) {
        LostSignal lost = lostSignal;
        if (waiters > 0) {
            if (lost != null) {
                lostSignal = null;
            }
        } else if (lost == null || lost.thread() != thread || lost.site() != site) {
            lostSignal = new LostSignal(thread, site, stack.get());
        }
    }

    /** The binding of one instance of a pseudo-lock's class (a task): who takes it is not followed. */
    static Binding pseudoInstance(LockClass lockClass, long serial) {
        Binding b = new Binding(lockClass, serial, false, null, false);
        b.owner = SHARED;
        return b;
    }

    public LockClass lockClass() {
        return lockClass;
    }

    public long serial() {
        return serial;
    }

    /** The serial of the instance of its own class its maker held when it was made, or 0. */
    long createdUnder() {
        return birth == null ? 0 : birth.underOwnClass();
    }

    /** False for locks such as {@code StampedLock} that deadlock when their holder takes them again. */
    public boolean reentrant() {
        return reentrant;
    }

    /**
     * Thread {@code threadId} takes the instance: it is its owner if no other thread took it, and shared
     * once another has. Exact under races (a compare-and-set from none), so that no instance taken by two
     * threads is ever taken for a confined one. The caller tested that the owner is neither this thread
     * nor {@link #SHARED}: an instance's steady state costs a load and no store. Returns whether this is
     * the instance's first taker.
     */
    boolean taken(long threadId) {
        boolean first = OWNER.compareAndSet(this, 0L, threadId);
        if (!first && owner != threadId) {
            owner = SHARED;
            lockClass.instanceShared();
        }
        lockClass.takenBy(threadId);
        return first;
    }

    /** The instance as a report prints it where the kernel prints the lock's address. */
    public static String instanceId(long serial) {
        String hex = Long.toHexString(serial);
        return "0000000000000000".substring(hex.length()) + hex;
    }
}
