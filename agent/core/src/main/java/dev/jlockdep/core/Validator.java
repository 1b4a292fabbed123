package dev.jlockdep.core;

import dev.jlockdep.core.model.BadUnlockReport;
import dev.jlockdep.core.model.ChainLink;
import dev.jlockdep.core.model.CircularReport;
import dev.jlockdep.core.model.GraphSnapshot;
import dev.jlockdep.core.model.HeldAtExitReport;
import dev.jlockdep.core.model.LockRef;
import dev.jlockdep.core.model.RecursiveReport;
import dev.jlockdep.core.model.Report;
import dev.jlockdep.core.model.StallReport;
import dev.jlockdep.core.model.WarningReport;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The lock validator. Callers report acquisitions and releases of lock objects; the validator keeps
 * each thread's held locks, learns the order of lock classes and reports the first time an order
 * closes a cycle, before anything deadlocks.
 *
 * <p>Fast path: an acquisition whose held-lock chain was validated before costs a thread-local look-up,
 * an instance-table probe, a hash step and a chain-cache probe, with no allocation and no lock. Only a
 * new chain takes the graph lock (lockdep's {@code validate_chain}); new instances take the binding lock.
 * Lock operations of the validator's own code (on any thread) are never recorded.
 */
public final class Validator {

    /**
     * @param once       stop validating after the first report, as the kernel does
     * @param stackDepth frames kept per stack
     * @param ident      JVM and agent versions, the start of each report's identity line
     * @param attached   loaded into a running JVM: locks taken before are unknown, so releasing one is
     *                   no bad unlock
     * @param limits     how much may be stored before validation turns itself off
     */
    public record Config(boolean once, int stackDepth, String ident, String agentVersion, boolean attached,
                         Limits limits) {
        public Config(boolean once, int stackDepth, String ident, String agentVersion, boolean attached) {
            this(once, stackDepth, ident, agentVersion, attached, Limits.DEFAULT);
        }
    }

    /** What a thread gave up while waiting on a monitor or condition, to take back afterwards. */
    public record WaitToken(Object lock, Binding binding, LockClass lockClass, int mode, int refs) {
    }

    private final Config config;
    private final SiteRegistry sites;
    private final LockObjects lockObjects;
    private final ReportSink sink;

    private final ThreadLocal<HeldLocks> threads = ThreadLocal.withInitial(this::newThread);
    /** Every thread's held stack, kept only once {@link #trackThreads()} is called (for the watchdog). */
    private volatile ConcurrentLinkedQueue<WeakReference<HeldLocks>> tracked;
    /**
     * The held stacks by thread id: a quicker way to the current thread's than the ThreadLocal (three
     * loads instead of six). Slots are written racily; a reader only trusts a slot that names its own
     * thread, and a thread whose slot another live thread holds uses the ThreadLocal.
     */
    private final HeldLocks[] byThreadId = new HeldLocks[4096];
    private final InstanceTable instances = new InstanceTable(true);
    /** Synchronizers (latches, semaphores, conditions, threads) to the pseudo-lock class of their event. */
    private final InstanceTable events = new InstanceTable(false);
    private final ChainCache chains;
    /**
     * The deepest held-lock stack seen. Updated on the slow paths only: a stack deeper than any before
     * has a chain never seen before, which the fast paths cannot take.
     */
    private volatile int maxDepth;
    /** Counted for the dump's statistics, so that a run shows how much of it the agent saw. */
    private final LongAdder classesInstrumented = new LongAdder();
    /** Cleared to turn validation off; read opaquely on the hot path (seen soon, never hoisted, no barrier). */
    private volatile boolean enabled = true;
    private static final VarHandle ENABLED = enabledHandle();

    /** Guards the instance table's writes and serial numbers. Taken before, never inside, graphLock. */
    private final Object bindLock = new Object();
    private long nextSerial = 1;

    /** Guards the graph, the class registry, the chain cache's writes and the reported problems. */
    private final Object graphLock = new Object();
    private final LockClassRegistry classes = new LockClassRegistry();
    private final LockGraph graph = new LockGraph();
    private final StackTable stacks = new StackTable();
    private final Set<String> reportedProblems = new HashSet<>();
    /** Signals of events not named yet, by synchronizer (see {@link #knownEventSignal}). */
    private final IdentityWeakMap<Signal> unnamedSignals = new IdentityWeakMap<>();
    private final List<Report> reports = new ArrayList<>();

    public Validator(Config config, SiteRegistry sites, LockObjects lockObjects, ReportSink sink) {
        this.config = config;
        this.sites = sites;
        this.lockObjects = lockObjects;
        this.sink = sink;
        this.chains = new ChainCache(config.limits().chains());
    }

    public boolean enabled() {
        return on();
    }

    private boolean on() {
        return (boolean) ENABLED.getOpaque(this);
    }

    private static VarHandle enabledHandle() {
        try {
            return MethodHandles.lookup().findVarHandle(Validator.class, "enabled", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The agent rewrote one more class (or retransformed one). */
    public void classInstrumented() {
        classesInstrumented.increment();
    }

    /** Stops all validation (after the first report with {@code once}, or after an internal fault). */
    public void turnOff() {
        // A plain volatile write: this runs when memory is out, and a VarHandle's first call links (allocates).
        enabled = false;
    }

    /**
     * Marks the current thread as running agent code: its lock operations are not recorded until
     * {@link #leaveAgent()}. For the agent's own threads and for work the agent does on others.
     */
    public void enterAgent() {
        current().enterAgent();
    }

    public void leaveAgent() {
        current().leaveAgent();
    }

    /**
     * Records that the current thread takes (or, for a trylock, has taken) {@code lock}.
     *
     * @param site     where, as registered in the site registry
     * @param mode     a {@link LockMode}; {@link LockMode#FROM_LOCK} lets the lock object say
     * @param subclass nesting subclass (0 unless the caller annotated nesting)
     * @param trylock  a successful trylock: held, but adds no dependency of its own
     */
    public void acquire(Object lock, int site, int mode, int subclass, boolean trylock) {
        HeldLocks t = current();
        if (!t.usual() && t.busy()) {
            return;
        }
        if (site < 0) {
            site = callerSite(t, site);
        }
        // Fast paths, small enough for the JIT to inline into the hook and calling nothing that could
        // take a lock: the same lock at the same depth on the same chain as last time; else a known
        // instance, not held yet, on a chain validated before.
        if (subclass == 0 && t.usual()) {
            if (t.repeat(lock, mode, trylock, site)) {
                return;
            }
            InstanceTable.Entry e = t.holdsObject(lock) ? null : instances.get(lock);
            if (e != null) {
                int classId = e.binding.lockClass().id();
                // No lock of its class held: then not this instance either, and one scan answers both.
                boolean classHeld = t.holdsClass(classId);
                if (!classHeld || t.indexOf(e.binding.serial(), LockMode.ANY) < 0) {
                    int m = mode == LockMode.FROM_LOCK ? e.mode : mode;
                    long key = ChainCache.extend(t.topChainKey(), classId, m);
                    if (chains.contains(key)) {
                        t.push(lock, e.binding.serial(), classId, m, trylock, site, key, true, false, !classHeld);
                        return;
                    }
                }
            }
        }
        acquireSlow(t, lock, site, mode, subclass, trylock);
    }

    /**
     * Everything the fast paths leave: first sight of an instance, reentry, nesting, a new chain. Only
     * this path can report, so only it asks whether the validator is still on; while it is off, the
     * fast paths go on keeping the stacks, which costs nothing and reports nothing.
     */
    private void acquireSlow(HeldLocks t, Object lock, int site, int mode, int subclass, boolean trylock) {
        if (!on()) {
            return;
        }
        t.enterAgent();
        try {
            int nested = t.takeNesting(lock);
            if (nested != 0) {
                subclass = nested;
            }
            InstanceTable.Entry e = entryOf(lock, site);
            Binding b = e.binding;
            int m = mode == LockMode.FROM_LOCK ? e.mode : mode;
            int held = t.indexOf(b.serial(), LockMode.ANY);
            boolean nestedInOwnWriteLock = false;
            if (held >= 0 && b.reentrant()) {
                HeldLocks.Entry h = t.at(held);
                if (h.mode == m) {
                    h.refs++; // reentry: counted, not a new acquisition
                    return;
                }
                // A writer may also take its own read lock (downgrading); a reader taking the write lock hangs.
                nestedInOwnWriteLock = h.mode == LockMode.EXCLUSIVE;
            }
            LockClass c = subclass == 0 ? b.lockClass() : subclassOf(b.lockClass(), subclass);
            take(t, lock, b, c, m, site, trylock, nestedInOwnWriteLock);
        } finally {
            t.leaveAgent();
        }
    }

    /**
     * Takes a pseudo-lock named with {@link #name} as one instance of its class, {@code serial} standing
     * for the instance (a task): instances that come and go by the million need no table entry each,
     * and a cycle through them is still told apart from one that closed on the same instance. Never
     * reentrant; released with {@link #release}.
     */
    public void acquireInstance(Object map, long serial, int site) {
        HeldLocks t = current();
        if (t.busy() || !on()) {
            return;
        }
        InstanceTable.Entry e = instances.get(map);
        if (e == null) {
            return;
        }
        if (site < 0) {
            site = callerSite(t, site);
        }
        t.enterAgent();
        try {
            LockClass c = e.binding.lockClass();
            take(t, map, new Binding(c, serial, false), c, LockMode.EXCLUSIVE, site, false, false);
        } finally {
            t.leaveAgent();
        }
    }

    /**
     * Drops the entries of lock instances the program let go, as they are collected, until interrupted:
     * for a thread of the agent's own (its locking is not recorded). Without it, they go when the
     * instance table next grows.
     */
    public void reapCollectedInstances() throws InterruptedException {
        while (true) {
            InstanceTable.Entry dead = instances.awaitCollected();
            synchronized (bindLock) {
                for (; dead != null; dead = instances.pollCollected()) {
                    instances.bury(dead);
                }
            }
        }
    }

    /** Records a release; a lock the thread does not hold is reported as a bad unlock. */
    public void release(Object lock, int site, int mode) {
        HeldLocks t = current();
        if (t.busy()) {
            return;
        }
        if (site < 0) {
            site = callerSite(t, site);
        }
        // Fast path: the lock released is the top entry's own object.
        int top = t.depth - 1;
        if (top >= 0) {
            HeldLocks.Entry h = t.at(top);
            if (h.lock == lock && (mode == LockMode.FROM_LOCK || mode == LockMode.ANY || mode == h.mode)) {
                int refs = h.refs;
                if (refs == 1) { // popped with its count left at 1, which the next repeat then need not store
                    t.pop();
                } else {
                    h.refs = refs - 1;
                }
                return;
            }
        }
        releaseSlow(t, lock, site, mode);
    }

    private void releaseSlow(HeldLocks t, Object lock, int site, int mode) {
        if (!on()) {
            return;
        }
        t.enterAgent();
        try {
            InstanceTable.Entry e = entryOf(lock, site);
            int m = mode == LockMode.FROM_LOCK ? e.mode : mode;
            int i = t.indexOf(e.binding.serial(), m);
            if (i < 0) {
                badUnlock(t, e.binding, site);
            } else if (--t.at(i).refs == 0) {
                t.removeAt(i);
            }
        } finally {
            t.leaveAgent();
        }
    }

    /**
     * Gives up {@code lock} for the duration of a wait ({@code Object.wait}, {@code Condition.await}):
     * the held entry is removed whatever its reentrancy count. Returns null if the thread did not hold it.
     */
    public WaitToken releaseForWait(Object lock) {
        HeldLocks t = current();
        if (t.busy() || !on()) {
            return null;
        }
        t.enterAgent();
        try {
            // A condition stands for its lock: entryOf finds the lock's binding through the identity.
            InstanceTable.Entry e = entryOf(lock, SiteRegistry.UNKNOWN);
            int i = t.indexOf(e.binding.serial(), LockMode.ANY);
            if (i < 0) {
                return null;
            }
            HeldLocks.Entry h = t.at(i);
            WaitToken token = new WaitToken(h.lock, e.binding, classById(h.classId), h.mode, h.refs);
            t.removeAt(i);
            return token;
        } finally {
            t.leaveAgent();
        }
    }

    /**
     * Takes back a lock given up for a wait: a new acquisition, at the wait's site, on top of whatever
     * the thread holds now.
     */
    public void reacquireAfterWait(WaitToken token, int site) {
        HeldLocks t = current();
        if (token == null || t.busy() || !on()) {
            return;
        }
        if (site < 0) {
            site = callerSite(t, site);
        }
        t.enterAgent();
        try {
            take(t, token.lock(), token.binding(), token.lockClass(), token.mode(), site, false, false);
            t.at(t.depth - 1).refs = token.refs();
        } finally {
            t.leaveAgent();
        }
    }

    /** Binds a newly created lock to the class its allocation site names (a field, or the site itself). */
    public void created(Object lock, int site) {
        HeldLocks t = current();
        if (t.busy() || !on()) {
            return;
        }
        if (site < 0) {
            site = callerSite(t, site);
        }
        t.enterAgent();
        try {
            entryOf(lock, site);
        } finally {
            t.leaveAgent();
        }
    }

    /**
     * Gives a lock an explicit class, as {@code lockdep_set_class} or the name passed to
     * {@code mutex_init} do: every lock given the same key is one class, printed with {@code name}.
     * Like those, it is meant for a lock not yet taken: a thread that took the lock before may keep
     * using the old class at the same stack depth (the repeat fast path remembers it).
     */
    public void name(Object lock, String key, String name, WaitType waitType) {
        HeldLocks t = current();
        if (t.busy() || !on()) {
            return;
        }
        t.enterAgent();
        try {
            synchronized (bindLock) {
                InstanceTable.Entry old = instances.get(lock);
                long serial = old != null ? old.binding.serial() : nextSerial++;
                instances.put(lock, newBinding(lock, key, name, waitType, serial), lockObjects.impliedMode(lock));
            }
        } finally {
            t.leaveAgent();
        }
    }

    /**
     * Makes the current thread's next acquisition of {@code lock} one of nesting subclass
     * {@code subclass}, as {@code mutex_lock_nested} does; an invalid subclass is ignored.
     */
    public void nestNext(Object lock, int subclass) {
        if (subclass > 0 && subclass < LockClassRegistry.MAX_SUBCLASSES) {
            current().nestNext(lock, subclass);
        }
    }

    /** Called on a thread that is about to end: locks it still holds are reported. */
    public void threadExit() {
        HeldLocks t = current();
        int slot = slotOf(t.thread);
        if (byThreadId[slot] == t) {
            byThreadId[slot] = null;
        }
        if (t.busy() || !on() || t.depth == 0) {
            return;
        }
        t.enterAgent();
        try {
            Report r;
            synchronized (graphLock) {
                Set<String> keys = new TreeSet<>();
                for (int i = 0; i < t.depth; i++) {
                    keys.add(classes.byId(t.at(i).classId).key());
                }
                r = newProblem("held-at-exit:" + keys)
                        ? new HeldAtExitReport(ident(), t.threadLabel(), heldLocks(t), stack(), "held-at-exit:" + keys)
                        : null;
                record(r);
            }
            emit(r);
            t.clear();
        } finally {
            t.leaveAgent();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Thread context: memalloc scopes and interrupt state, kept even while validation is off (models
    // read them back to decide how they allocate).

    /** Sets the current thread's memalloc bits in {@code bits} to {@code value}; returns their old value. */
    public int memallocSet(int bits, int value) {
        HeldLocks t = current();
        int old = t.memalloc & bits;
        t.memalloc = (t.memalloc & ~bits) | (value & bits);
        return old;
    }

    public int memallocFlags() {
        return current().memalloc;
    }

    /** Entry of a method annotated as a memalloc scope. */
    public void memallocEnter(int bits) {
        current().enterScope(bits);
    }

    /** Exit (return or throw) of a method annotated as a memalloc scope. */
    public void memallocExit() {
        current().leaveScope();
    }

    /** Sets whether the current thread runs with interrupts disabled (1) or not (0); returns the old state. */
    public int irqsSet(int off) {
        return current().setIrqsOff(off != 0);
    }

    public int irqsOff() {
        return current().irqsOff() ? 1 : 0;
    }

    // ---------------------------------------------------------------------------------------------
    // Assertions and warnings

    /**
     * lockdep_assert_held and friends: warns (once per call site) unless the current thread holds
     * {@code lock} in a mode that {@code mode} accepts ({@link LockMode#ANY}, {@link LockMode#EXCLUSIVE},
     * {@link LockMode#READ} for any read), or, with {@code wantHeld} false, unless it does not hold it.
     */
    public void assertHeld(Object lock, int mode, boolean wantHeld, String assertion) {
        HeldLocks t = current();
        if (t.busy() || !on() || lock == null) {
            return;
        }
        t.enterAgent();
        try {
            // Looked up, never bound: a lock not seen yet is not held, and keeps the class its first
            // acquisition will give it.
            InstanceTable.Entry e = instances.get(lock);
            if (e == null) {
                e = instances.get(lockObjects.identity(lock));
            }
            boolean held = e != null && t.holds(e.binding.serial(), mode);
            if (held != wantHeld) {
                String name = e != null ? e.binding.lockClass().bareName() : lockObjects.classKeyAndName(lock)[1];
                warn(t, assertion + "(" + name + ")" + (wantHeld ? ": lock not held" : ": lock held"));
            }
        } finally {
            t.leaveAgent();
        }
    }

    /** WARN_ONCE: a problem the caller found, reported once per call site and message. */
    public void warnOnce(String message) {
        HeldLocks t = current();
        if (t.busy() || !on()) {
            return;
        }
        t.enterAgent();
        try {
            warn(t, message);
        } finally {
            t.leaveAgent();
        }
    }

    private void warn(HeldLocks t, String message) {
        List<Frame> stack = stack();
        Frame at = Stacks.firstCaller(sites);
        if (at == null) {
            at = sites.get(SiteRegistry.UNKNOWN).frame();
        }
        Report r;
        synchronized (graphLock) {
            String problem = "warning:" + at.className() + "." + at.methodName() + ":" + message;
            r = newProblem(problem) ? new WarningReport(ident(), t.threadLabel(), message, at, heldLocks(t), stack,
                    problem) : null;
            record(r);
        }
        emit(r);
    }

    // ---------------------------------------------------------------------------------------------
    // The watchdog's view of other threads

    /** From now on every thread's held stack is kept in a list the watchdog can walk. */
    public void trackThreads() {
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
    List<HeldLocks> trackedThreads() {
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

    /**
     * Reports a thread that kept its outermost lock for {@code seconds} or more (called by the
     * {@link Watchdog} on its own thread). Another thread's stack is read while it runs, so, as the
     * kernel says of a running task, the locks shown may be a moment old.
     */
    void stall(HeldLocks stuck, int seconds, List<HeldLocks> all) {
        if (!on()) {
            return;
        }
        HeldLocks self = current();
        self.enterAgent(); // the watchdog's thread runs as agent code anyway
        try {
            Thread thread = stuck.thread;
            Thread.State state = thread.getState();
            List<Frame> stack = Stacks.of(thread, config.stackDepth());
            Report r;
            synchronized (graphLock) {
                List<LockRef> held = heldLocks(stuck);
                if (held.isEmpty()) {
                    return;
                }
                List<StallReport.ThreadLocks> everyone = new ArrayList<>();
                for (HeldLocks t : all) {
                    List<LockRef> locks = heldLocks(t);
                    if (!locks.isEmpty()) {
                        everyone.add(new StallReport.ThreadLocks(t.threadLabel(), locks));
                    }
                }
                // One report per thread and outermost acquisition: a later stall is another problem.
                String problem = "stall:" + held.get(0).classKey() + "@" + stuck.threadLabel() + "#" + stuck.outermost;
                r = newProblem(problem) ? new StallReport(ident(), stuck.threadLabel(), state.name(), seconds, held,
                        stack, everyone, problem) : null;
                record(r);
            }
            emit(r);
        } finally {
            self.leaveAgent();
        }
    }

    /**
     * A task (a work item, bound with {@link #name}) was queued: the first of its class keeps the stack,
     * which a report through the class shows. Later ones cost a look-up.
     */
    public void queued(Object task) {
        HeldLocks t = current();
        if (t.busy() || !on()) {
            return;
        }
        InstanceTable.Entry e = instances.get(task);
        if (e == null || !e.binding.lockClass().queued().isEmpty()) {
            return;
        }
        t.enterAgent();
        try {
            List<Frame> stack = stack();
            synchronized (graphLock) {
                e.binding.lockClass().markQueued(stack);
            }
        } finally {
            t.leaveAgent();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Events, as DEPT has them: a latch's count reaching zero, a permit, a condition's signal, a thread's
    // end. Each synchronizer's event is a pseudo-lock class, "(latch)Service.ready". Waiting for it
    // runs an acquisition's checks without holding anything (lockdep's lock_sync), so the locks held
    // while waiting come before it; a signal makes the event depend on the locks its thread's context
    // took (the outermost ones since the thread's last wait, its start, or its task's start). "Hold L,
    // wait for an event whose signaller takes L first" is a cycle, seen whichever side ran first.

    /** Names a synchronizer's event where the application makes it: after its field, or the site. */
    public void eventCreated(Object sync, int site, String kind) {
        HeldLocks t = current();
        if (t.busy() || !on()) {
            return;
        }
        if (site < 0) {
            site = callerSite(t, site);
        }
        t.enterAgent();
        try {
            eventEntry(sync, site, kind);
        } finally {
            t.leaveAgent();
        }
    }

    /** The current thread is about to wait, untimed, for the event of {@code sync}. */
    public void eventWait(Object sync, int site, String kind) {
        HeldLocks t = current();
        if (t.busy() || !on()) {
            return;
        }
        if (site < 0) {
            site = callerSite(t, site);
        }
        InstanceTable.Entry e = events.get(sync);
        if (e != null && chains.contains(waitKey(t, e.binding.lockClass()))) {
            return;
        }
        t.enterAgent();
        try {
            e = eventEntry(sync, site, kind);
            LockClass c = e.binding.lockClass();
            validate(t, e.binding, c, LockMode.EXCLUSIVE, site, waitKey(t, c));
        } finally {
            t.leaveAgent();
        }
    }

    /** The current thread's wait is over (or a task begins): what it takes next is a new event context. */
    public void eventContext() {
        current().newContext();
    }

    /** The current thread signals the event of {@code sync}: the event depends on its context's locks. */
    public void eventSignal(Object sync, int site, String kind) {
        signal(sync, site, kind, true);
    }

    /**
     * A signal that names no event, such as a thread's end: a thread that no instrumented code made or
     * joined has no name worth a class. The signal is kept (weakly) until something names the event: a
     * join after the end, or code that made the thread and names it only after it ran.
     */
    public void knownEventSignal(Object sync, int site, String kind) {
        signal(sync, site, kind, false);
    }

    private void signal(Object sync, int site, String kind, boolean bind) {
        HeldLocks t = current();
        if (t.busy() || t.contextCount == 0 || !on()) {
            return;
        }
        InstanceTable.Entry e = events.get(sync);
        if (site < 0) {
            site = callerSite(t, site);
        }
        if (e == null && !bind) {
            keepUntilNamed(t, sync, site);
            return;
        }
        if (e != null && chains.contains(signalKey(t, e.binding.lockClass()))) {
            return;
        }
        t.enterAgent();
        try {
            signal(t, eventEntry(sync, site, kind).binding, site, Signal.of(t, stack()));
        } finally {
            t.leaveAgent();
        }
    }

    private long waitKey(HeldLocks t, LockClass event) {
        long below = !t.irqsOff() ? t.topChainKey() : t.topChainKey() ^ IRQS_OFF_CHAIN;
        return ChainCache.extend(below, event.id(), LockMode.EXCLUSIVE);
    }

    /** A signal's key in the chain cache: the event and its context's set of classes. */
    private static long signalKey(HeldLocks t, LockClass event) {
        return ChainCache.extend(t.contextKey ^ SIGNAL_CHAIN, event.id(), LockMode.EXCLUSIVE);
    }

    private static final long SIGNAL_CHAIN = 0x2545F4914F6CDD1DL;

    private void signal(HeldLocks t, Binding event, int site, Signal signal) {
        long key = signalKey(t, event.lockClass());
        Report r;
        synchronized (graphLock) {
            if (!chains.add(key)) {
                return;
            }
            r = addSignal(t, event, site, signal);
            record(r);
        }
        emit(r);
    }

    /** A signal's context, copied: the outermost locks its thread took since its last wait. */
    private record Signal(int count, int[] classes, long[] serials, int[] modes, int[] sites, String thread,
                          List<Frame> stack) {
        static Signal of(HeldLocks t, List<Frame> stack) {
            return new Signal(t.contextCount, t.contextClass.clone(), t.contextSerial.clone(), t.contextMode.clone(),
                    t.contextSite.clone(), t.threadLabel(), stack);
        }
    }

    /**
     * The event's dependencies on the locks of a signal's context (under the graph lock); the report of
     * the first that closes a cycle, if the signalling thread {@code t} is the current one (not a replay).
     */
    private Report addSignal(HeldLocks t, Binding event, int site, Signal s) {
        LockClass ev = event.lockClass();
        ev.markUsed(LockMode.EXCLUSIVE, true);
        Report r = null;
        for (int i = 0; i < s.count(); i++) {
            LockClass taken = classes.byId(s.classes()[i]);
            if (taken == null || taken == ev) {
                continue;
            }
            long serial = s.serials()[i];
            int mode = s.modes()[i];
            List<Frame> at = List.of(sites.get(s.sites()[i]).frame());
            List<Dependency> path = link(s.thread(), ev, LockMode.EXCLUSIVE, event.serial(), taken, mode, serial,
                    () -> at, s.stack());
            if (path != null && r == null && t != null) {
                // A signal from a place without a site (a thread's end) is at its stack's top.
                Frame signalled = site == SiteRegistry.UNKNOWN && !s.stack().isEmpty() ? s.stack().get(0)
                        : sites.get(site).frame();
                End held = new End(ev, event.serial(), lockRef(event.serial(), ev, LockMode.EXCLUSIVE, signalled));
                End next = new End(taken, serial, lockRef(serial, taken, mode, s.sites()[i]));
                r = circular(t, held, next, at, List.of(signalNote(ev, s.stack())), s.stack(), path, true);
            }
        }
        return r;
    }

    /**
     * A signal of an event not named yet (a thread that ended before the code that made or joins it
     * named it): kept, weakly, and added when the event is named.
     */
    private void keepUntilNamed(HeldLocks t, Object sync, int site) {
        t.enterAgent();
        try {
            Signal signal = Signal.of(t, stack());
            InstanceTable.Entry e;
            synchronized (bindLock) { // events are named under it: this thread sees the name, or its namer the signal
                e = events.get(sync);
                if (e == null) {
                    synchronized (graphLock) {
                        unnamedSignals.put(sync, signal);
                    }
                    return;
                }
            }
            signal(t, e.binding, site, signal);
        } finally {
            t.leaveAgent();
        }
    }

    /** The event of a synchronizer, bound on first sight (with the signal it had before, if any). */
    private InstanceTable.Entry eventEntry(Object sync, int siteId, String kind) {
        InstanceTable.Entry e = events.get(sync);
        if (e != null) {
            return e;
        }
        synchronized (bindLock) {
            e = events.get(sync);
            if (e != null) {
                return e;
            }
            String[] kn = eventKeyAndName(sync, sites.get(siteId));
            Binding b = newBinding(new Object(), kind + ":" + kn[0], "(" + kind + ")" + kn[1], WaitType.NONE,
                    nextSerial++);
            synchronized (graphLock) {
                Signal before = unnamedSignals.remove(sync);
                if (before != null) {
                    addSignal(null, b, SiteRegistry.UNKNOWN, before); // a new class: no cycle to close yet
                }
            }
            return events.put(sync, b, LockMode.EXCLUSIVE);
        }
    }

    /**
     * An event's name: its synchronizer's field, else the site that made it; a condition's is named after
     * its lock; else the site where it was first seen, else its runtime class.
     */
    private String[] eventKeyAndName(Object sync, Site site) {
        String[] kn = siteKeyAndName(site);
        if (kn != null) {
            return kn;
        }
        Object lock = lockObjects.identity(sync);
        InstanceTable.Entry e = lock == sync ? null : instances.get(lock);
        if (e != null) {
            return new String[] {e.binding.lockClass().key(), e.binding.lockClass().bareName()};
        }
        if (site.frame().line() >= 0) {
            return new String[] {"site:" + site.frame(), siteName(site.frame())};
        }
        String name = sync.getClass().getName();
        return new String[] {"class:" + name, name};
    }

    /** A class key and name from a site: its field, or, for a site that makes the object, the site; else null. */
    private static String[] siteKeyAndName(Site site) {
        if (site.fieldKey() != null) {
            return new String[] {site.fieldKey(), site.fieldName()};
        }
        return site.allocation() ? new String[] {"alloc:" + site.frame(), siteName(site.frame())} : null;
    }

    /** {@code Class.method:line}, the simple class name. */
    private static String siteName(Frame f) {
        return f.className().substring(f.className().lastIndexOf('.') + 1) + "." + f.methodName() + ":" + f.line();
    }

    /** Whether the current thread holds {@code lock} (in {@code mode}, or any mode for {@link LockMode#ANY}). */
    public boolean holds(Object lock, int mode) {
        InstanceTable.Entry e = instances.get(lock);
        return e != null && current().indexOf(e.binding.serial(), mode) >= 0;
    }

    /** How many reports were made so far. */
    public int reportCount() {
        synchronized (graphLock) {
            return reports.size();
        }
    }

    /** The reports after the first {@code count}. */
    public List<Report> reportsSince(int count) {
        synchronized (graphLock) {
            return count >= reports.size() ? List.of() : List.copyOf(reports.subList(Math.max(0, count), reports.size()));
        }
    }

    /** A consistent copy of the graph and the reports, e.g. for the dump written at exit. */
    public GraphSnapshot snapshot() {
        synchronized (graphLock) {
            List<GraphSnapshot.ClassInfo> cs = new ArrayList<>();
            for (LockClass c : classes.all()) {
                cs.add(new GraphSnapshot.ClassInfo(c.id(), c.key(), c.name(), c.subclass(), c.nameVersion(),
                        c.bareName(), c.usageChars(), c.waitType().level));
            }
            List<GraphSnapshot.DependencyInfo> ds = new ArrayList<>();
            for (Dependency d : graph.edges()) {
                ds.add(new GraphSnapshot.DependencyInfo(d.from().id(), d.to().id(), d.kinds(), d.firstStack(),
                        d.firstThread(), d.instancePairs()));
            }
            return new GraphSnapshot(config.ident(), config.agentVersion(), cs, ds, List.copyOf(reports),
                    chains.size(), chains.evicted(), instances.size(), maxDepth, classesInstrumented.sum());
        }
    }

    private void noteDepth(int depth) {
        if (depth > maxDepth) {
            maxDepth = depth; // racy, and only ever too low by a concurrent update: fine for a statistic
        }
    }

    /**
     * The site of a lock primitive's caller (see {@link SiteRegistry#atCaller}); while validation is off
     * nothing will print it, so the primitive's own site does without the stack walk.
     */
    private int callerSite(HeldLocks t, int primitiveSite) {
        if (!on()) {
            return -primitiveSite;
        }
        t.enterAgent();
        try {
            return sites.atCaller(primitiveSite);
        } finally {
            t.leaveAgent();
        }
    }

    private HeldLocks current() {
        Thread thread = Thread.currentThread();
        HeldLocks t = byThreadId[slotOf(thread)];
        return t != null && t.thread == thread ? t : currentSlow(thread);
    }

    private HeldLocks currentSlow(Thread thread) {
        HeldLocks t = threads.get();
        int slot = slotOf(thread);
        HeldLocks other = byThreadId[slot];
        if (other == null || !other.thread.isAlive()) {
            byThreadId[slot] = t;
        }
        return t;
    }

    private int slotOf(Thread thread) {
        return (int) thread.getId() & (byThreadId.length - 1);
    }

    // ---------------------------------------------------------------------------------------------
    // Slow path

    private InstanceTable.Entry entryOf(Object lock, int site) {
        InstanceTable.Entry e = instances.get(lock);
        return e != null ? e : bind(lock, site);
    }

    /** First sight of an instance: its class comes from the best name available now. */
    private InstanceTable.Entry bind(Object lock, int siteId) {
        synchronized (bindLock) {
            InstanceTable.Entry e = instances.get(lock);
            if (e != null) {
                return e;
            }
            Object identity = lockObjects.identity(lock);
            InstanceTable.Entry shared = identity == lock ? null : instances.get(identity);
            Binding b;
            if (shared != null) {
                b = shared.binding;
            } else {
                String[] kn = siteKeyAndName(sites.get(siteId));
                if (kn == null) {
                    kn = lockObjects.classKeyAndName(lock);
                }
                b = newBinding(lock, kn[0], kn[1], lockObjects.waitType(lock), nextSerial++);
            }
            return instances.put(lock, b, lockObjects.impliedMode(lock));
        }
    }

    /**
     * A binding to the class {@code key}, published for the lock's identity when that is another
     * object (the read and write views of one lock share it); the caller holds the binding lock and
     * publishes the lock's own entry.
     */
    private Binding newBinding(Object lock, String key, String name, WaitType waitType, long serial) {
        LockClass c;
        synchronized (graphLock) {
            c = classes.lookup(key, name, 0, waitType);
            checkClassLimit();
        }
        // A pseudo-lock (no wait type) is never reentrant, whatever object stands for it, as lockdep's maps.
        Binding b = new Binding(c, serial, waitType != WaitType.NONE && lockObjects.reentrant(lock));
        Object identity = lockObjects.identity(lock);
        if (identity != lock) {
            instances.put(identity, b, LockMode.EXCLUSIVE);
        }
        return b;
    }

    /**
     * Pushes an acquisition that is not a reentry, first validating its chain (lockdep's
     * validate_chain) unless the chain is cached, it is a trylock, or {@code noNewOrder} (a writer
     * taking its own read lock).
     */
    private void take(HeldLocks t, Object lock, Binding b, LockClass c, int mode, int site, boolean trylock,
                      boolean noNewOrder) {
        // With interrupts disabled the chain is another one, as the usage it records differs.
        long below = !t.irqsOff() ? t.topChainKey() : t.topChainKey() ^ IRQS_OFF_CHAIN;
        long key = ChainCache.extend(below, c.id(), mode);
        boolean validated = chains.contains(key);
        if (!trylock && !noNewOrder && !validated) {
            validate(t, b, c, mode, site, key);
            validated = true;
        } else if (!c.hasUsage(mode, !t.irqsOff())) {
            synchronized (graphLock) { // a trylock orders nothing but is a use all the same
                c.markUsed(mode, !t.irqsOff());
            }
        }
        t.push(lock, b.serial(), c.id(), mode, trylock, site, key, validated, c.subclass() != 0 || t.irqsOff(),
                !t.holdsClass(c.id()));
        noteDepth(t.depth);
    }

    /** Mixed into the chain key below an acquisition made with interrupts disabled. */
    private static final long IRQS_OFF_CHAIN = 0x5DEECE66DL;

    private LockClass subclassOf(LockClass base, int subclass) {
        LockClass c = base.sibling(subclass);
        if (c == null) {
            synchronized (graphLock) {
                c = classes.lookup(base.key(), base.name(), subclass, base.waitType());
                checkClassLimit();
            }
        }
        return c;
    }

    /** lockdep's validate_chain for a chain not seen before: check_deadlock, then check_prevs_add. */
    private void validate(HeldLocks t, Binding b, LockClass c, int mode, int site, long key) {
        Report r;
        synchronized (graphLock) {
            if (!chains.add(key)) {
                return;
            }
            c.markUsed(mode, !t.irqsOff());
            Acquisition next = new Acquisition(t, b, c, mode, site);
            r = checkRecursion(next);
            if (r == null) {
                r = addDependencies(next);
            }
            record(r);
        }
        emit(r);
    }

    /** The acquisition being validated, and its stack, captured once and shared by its new edges. */
    private final class Acquisition {
        final HeldLocks thread;
        final Binding binding;
        final LockClass lockClass;
        final int mode;
        final int site;
        private List<Frame> stack;

        Acquisition(HeldLocks thread, Binding binding, LockClass lockClass, int mode, int site) {
            this.thread = thread;
            this.binding = binding;
            this.lockClass = lockClass;
            this.mode = mode;
            this.site = site;
        }

        List<Frame> stack() {
            if (stack == null) {
                stack = Validator.this.stack();
            }
            return stack;
        }

        LockRef ref() {
            return lockRef(binding.serial(), lockClass, mode, site);
        }
    }

    /** check_deadlock: a lock of a class already held, unless a recursive read after a read. */
    private Report checkRecursion(Acquisition next) {
        HeldLocks t = next.thread;
        for (int i = 0; i < t.depth; i++) {
            if (t.at(i).classId != next.lockClass.id()) {
                continue;
            }
            if (next.mode == LockMode.RECURSIVE_READ && t.at(i).mode != LockMode.EXCLUSIVE) {
                continue;
            }
            String problem = "recursive:" + next.lockClass.key() + "/" + next.lockClass.subclass();
            if (!newProblem(problem)) {
                return null;
            }
            return new RecursiveReport(ident(), t.threadLabel(), next.ref(), heldRef(t, i), heldLocks(t),
                    next.stack(), problem);
        }
        return null;
    }

    /**
     * check_prevs_add: a dependency from the top held lock to the new one, and from each trylock above
     * the first blocking acquisition (lower locks are reached through the top one already).
     */
    private Report addDependencies(Acquisition next) {
        HeldLocks t = next.thread;
        Report found = null;
        for (int i = t.depth - 1; i >= 0; i--) {
            Report r = addDependency(t, i, next);
            if (found == null) {
                found = r;
            }
            if (!t.at(i).trylock) {
                break;
            }
        }
        return found;
    }

    /** check_prev_add for held entry i and the new lock. */
    private Report addDependency(HeldLocks t, int i, Acquisition next) {
        HeldLocks.Entry h = t.at(i);
        List<Dependency> path = link(t.threadLabel(), classes.byId(h.classId), h.mode, h.serial, next.lockClass, next.mode,
                next.binding.serial(), next::stack, List.of());
        if (path == null) {
            return null;
        }
        End held = new End(classes.byId(h.classId), h.serial, heldRef(t, i));
        End taken = new End(next.lockClass, next.binding.serial(), next.ref());
        return circular(t, held, taken, next.stack(), queuedNote(next.lockClass), next.stack(), path, false);
    }

    /**
     * check_prev_add for {@code prev -> next}: the shortest path back from next to prev, which closes a
     * cycle (null if there is none); then the dependency is added, or gains this kind and instance pair.
     *
     * @param signalStack for an event's dependency, where it was signalled; else empty
     */
    private List<Dependency> link(String thread, LockClass prev, int prevMode, long prevSerial, LockClass next,
                                  int nextMode, long nextSerial, Supplier<List<Frame>> stack,
                                  List<Frame> signalStack) {
        int kind = Dependency.kindOf(prevMode, nextMode);
        Dependency d = graph.edge(prev, next);
        if (d != null && (d.kinds() & kind) != 0) {
            // Searched when this kind was added; any cycle through it since was searched by its newer edge.
            d.addInstances(prevSerial, nextSerial);
            return null;
        }
        List<Dependency> path = graph.strongPath(next, prev, nextMode == LockMode.RECURSIVE_READ,
                prevMode == LockMode.EXCLUSIVE);
        if (d == null) {
            if (graph.size() >= config.limits().dependencies()) {
                return limitReached("maxDependencies", config.limits().dependencies(), "dependencies");
            }
            List<Frame> first = stacks.intern(stack.get(), config.limits().stackFrames());
            List<Frame> signalled = stacks.intern(signalStack, config.limits().stackFrames());
            if (first == null || signalled == null) {
                return limitReached("maxStackFrames", config.limits().stackFrames(), "stack frames");
            }
            d = new Dependency(prev, next, kind, first, thread, signalled);
            graph.add(d);
        } else {
            d.addKind(kind);
        }
        d.addInstances(prevSerial, nextSerial);
        return path == null || path.isEmpty() ? null : path;
    }

    /** One end of the dependency that closes a cycle. */
    private record End(LockClass lockClass, long serial, LockRef ref) {
    }

    /**
     * The report of a cycle closed by {@code held -> next}: an acquisition of {@code next} while holding
     * {@code held}, or, when {@code signalling}, a signal of the event {@code held} by a context that took
     * {@code next}.
     *
     * @param nextStack where {@code next} was taken (#0's stack)
     * @param backtrace the current stack
     */
    private Report circular(HeldLocks t, End held, End next, List<Frame> nextStack, List<ChainLink.Note> nextNotes,
                            List<Frame> backtrace, List<Dependency> path, boolean signalling) {
        Set<String> cycle = new TreeSet<>();
        for (Dependency d : path) {
            cycle.add(d.from().key() + "/" + d.from().subclass());
            cycle.add(d.to().key() + "/" + d.to().subclass());
        }
        String problem = "circular:" + cycle;
        if (!newProblem(problem)) {
            return null;
        }
        // Printed from #N (the held lock's class) down to #0 (the new lock, with the current stack); each
        // class with the stack of the dependency that leads into it.
        List<ChainLink> chain = new ArrayList<>();
        for (int k = path.size() - 1; k >= 0; k--) {
            Dependency d = path.get(k);
            List<ChainLink.Note> notes = new ArrayList<>(queuedNote(d.to()));
            if (!d.signalStack().isEmpty()) {
                notes.add(0, signalNote(d.from(), d.signalStack()));
            }
            chain.add(new ChainLink(k + 1, d.to().key(), d.to().decoratedName(), d.firstStack(), notes));
        }
        chain.add(new ChainLink(0, next.lockClass().key(), next.lockClass().decoratedName(), nextStack, nextNotes));
        String parent = path.get(path.size() - 1).from().bareName();
        List<String> instancePath = closingInstances(path, held.serial(), next.serial());
        return new CircularReport(ident(), t.threadLabel(), next.ref(), held.ref(), chain, parent,
                instancePath != null, instancePath == null ? List.of() : instancePath, heldLocks(t), backtrace,
                problem, signalling);
    }

    private static List<ChainLink.Note> queuedNote(LockClass c) {
        return c.queued().isEmpty() ? List.of()
                : List.of(new ChainLink.Note("... and the first task of this class was queued at:", c.queued()));
    }

    private static ChainLink.Note signalNote(LockClass event, List<Frame> stack) {
        return new ChainLink.Note("... and then " + event.bareName() + " was signalled at:", stack);
    }

    /**
     * Instance triage: instances i0 (the new lock) .. ik (the held lock) such that every dependency of
     * the path was seen on (i(j-1), ij); null if the cycle only closes at class level.
     */
    private static List<String> closingInstances(List<Dependency> path, long heldSerial, long newSerial) {
        long[] chosen = new long[path.size() + 1];
        chosen[0] = newSerial;
        if (!extendInstances(path, 0, heldSerial, chosen)) {
            return null;
        }
        List<String> ids = new ArrayList<>();
        for (long serial : chosen) {
            ids.add(Binding.instanceId(serial));
        }
        ids.add(Binding.instanceId(newSerial));
        return ids;
    }

    private static boolean extendInstances(List<Dependency> path, int k, long heldSerial, long[] chosen) {
        Dependency d = path.get(k);
        if (k == path.size() - 1) {
            chosen[k + 1] = heldSerial;
            return d.hasInstances(chosen[k], heldSerial);
        }
        long[] pairs = d.instancePairs();
        for (int p = 0; p < pairs.length; p += 2) {
            if (pairs[p] == chosen[k]) {
                chosen[k + 1] = pairs[p + 1];
                if (extendInstances(path, k + 1, heldSerial, chosen)) {
                    return true;
                }
            }
        }
        return false;
    }

    private void badUnlock(HeldLocks t, Binding b, int site) {
        if (config.attached()) {
            return;
        }
        Report r;
        synchronized (graphLock) {
            String problem = "bad-unlock:" + b.lockClass().key() + "@" + sites.get(site).frame();
            r = newProblem(problem)
                    ? new BadUnlockReport(ident(), t.threadLabel(), b.lockClass().bareName(), sites.get(site).frame(),
                    heldLocks(t), stack(), problem)
                    : null;
            record(r);
        }
        emit(r);
    }

    /** The new class was one too many (under the graph lock): it is used, and validation stops. */
    private void checkClassLimit() {
        if (classes.size() > config.limits().classes()) {
            limitReached("maxClasses", config.limits().classes(), "lock classes");
        }
    }

    /**
     * A limit is reached (under the graph lock): said once, as lockdep's "BUG: MAX_LOCKDEP_ENTRIES too
     * low!", and validation turns off; the program runs on. Printed under the lock, as it happens once.
     *
     * @return null, for the caller to return as "no cycle"
     */
    private <T> T limitReached(String option, int limit, String what) {
        if (!on()) {
            return null;
        }
        HeldLocks t = current();
        String message = "BUG: " + option + " too low! (" + limit + " " + what + "; raise the agent option "
                + option + ")\nturning off the locking correctness validator.";
        Frame at = sites.get(SiteRegistry.UNKNOWN).frame();
        Report r = new WarningReport(ident(), t.threadLabel(), message, at, heldLocks(t), stack(), "limit:" + option);
        reports.add(r);
        turnOff();
        emit(r);
        return null;
    }

    private boolean newProblem(String key) {
        return on() && reportedProblems.add(key);
    }

    private void record(Report r) {
        if (r != null) {
            reports.add(r);
            if (config.once()) {
                turnOff();
            }
        }
    }

    private void emit(Report r) {
        if (r != null) {
            sink.report(r);
        }
    }

    private String ident() {
        return config.ident() + (reports.isEmpty() ? " Not tainted" : " Tainted: W");
    }

    private List<Frame> stack() {
        return Stacks.current(config.stackDepth());
    }

    private LockRef heldRef(HeldLocks t, int i) {
        HeldLocks.Entry h = t.at(i);
        return lockRef(h.serial, classes.byId(h.classId), h.mode, h.site);
    }

    private LockRef lockRef(long serial, LockClass c, int mode, int site) {
        return lockRef(serial, c, mode, sites.get(site).frame());
    }

    private static LockRef lockRef(long serial, LockClass c, int mode, Frame at) {
        return new LockRef(Binding.instanceId(serial), c.key(), c.bareName(), c.decoratedName(), mode, at);
    }

    private LockClass classById(int id) {
        synchronized (graphLock) {
            return classes.byId(id);
        }
    }

    /** The thread's held locks, outermost first; for another thread, as far as they hold still while read. */
    private List<LockRef> heldLocks(HeldLocks t) {
        List<LockRef> held = new ArrayList<>();
        HeldLocks.Entry[] stack = t.stack;
        for (int i = 0, n = Math.min(t.depth, stack.length); i < n; i++) {
            HeldLocks.Entry h = stack[i];
            LockClass c = classes.byId(h.classId);
            if (c != null) {
                held.add(lockRef(h.serial, c, h.mode, h.site));
            }
        }
        return held;
    }
}
