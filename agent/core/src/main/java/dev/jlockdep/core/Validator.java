package dev.jlockdep.core;

import dev.jlockdep.core.model.ClassKey;
import dev.jlockdep.core.model.Frame;
import dev.jlockdep.core.model.GraphSnapshot;
import dev.jlockdep.core.model.ProblemKey;
import dev.jlockdep.core.model.Report;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * The lock validator. Callers report acquisitions and releases of lock objects; the validator keeps
 * each thread's held locks, learns the order of lock classes and reports the first time an order
 * closes a cycle, before anything deadlocks.
 *
 * <p>A facade, as lockdep's exported {@code lock_acquire}/{@code lock_release}: the fast paths are here,
 * where the JIT inlines them into the hooks; the rest is done by lockdep's parts, each a class that owns
 * one invariant: {@link ThreadStates} (every thread's held locks), {@link ClassBinder} (instances to
 * classes; the binding lock), {@link GraphLock} (the graph, classes, chain cache and limits; the graph
 * lock, taken inside the binding lock), {@link ChainValidator} (validate_chain), {@link EventValidator}
 * (DEPT's waits and events), {@link ReportFactory} and {@link ProblemLog} (what is reported, once), and
 * {@link DebugLocks} (on or off).
 *
 * <p>Fast path: an acquisition whose held-lock chain was validated before costs a thread-local look-up,
 * an instance-table probe, a hash step and a chain-cache probe, with no allocation and no lock. Only a
 * new chain takes the graph lock; new instances take the binding lock. Lock operations of the
 * validator's own code (on any thread) are never recorded.
 */
public final class Validator {

    /**
     * @param once       stop validating after the first report, as the kernel does
     * @param stackDepth frames kept per stack
     * @param ident      JVM and agent versions, the start of each report's identity line
     * @param attached   loaded into a running JVM: locks taken before are unknown, so releasing one is
     *                   no bad unlock
     * @param limits     how much may be stored before validation turns itself off
     * @param events     whether waits for events and their signals are dependencies (DEPT's; the agent's
     *                   {@code events=})
     */
    public record Config(boolean once, int stackDepth, String ident, String agentVersion, boolean attached,
                         Limits limits, boolean events, boolean wakeUps) {
        public Config(boolean once, int stackDepth, String ident, String agentVersion, boolean attached) {
            this(once, stackDepth, ident, agentVersion, attached, Limits.DEFAULT, true, true);
        }
    }

    /** What a thread gave up while waiting on a monitor or condition, to take back afterwards. */
    public record WaitToken(Object lock, Binding binding, LockClass lockClass, int mode, int refs) {
    }

    private final Config config;
    private final SiteRegistry sites;
    final DebugLocks debugLocks = new DebugLocks();
    final ThreadStates threads = new ThreadStates();
    final ProblemLog problems;
    final GraphLock graphLock;
    final ReportFactory reports;
    private final ClassBinder binder;
    private final LockObjects lockObjects;
    /** Whether a thread ever released an ownerless lock it did not hold (see {@link #dropHandedOff}). */
    private volatile boolean handedOff;
    private final ChainValidator chainValidator;
    private final EventValidator events;
    private final WakeUps wakeUps;
    private final ClassInits classInits;
    private final FreedLocks freedLocks = new FreedLocks(this);
    /** The site of a class's use, placed at its caller when recorded (negated, as a primitive's). */
    private final int classUseSite;
    /** The parts the fast paths read, kept here: one load fewer each than through their owners. */
    private final HeldLocks[] byThreadId = threads.table();
    private final InstanceTable instances;
    private final ChainCache chains;
    /** Counted for the dump's statistics, so that a run shows how much of it the agent saw. */
    private final LongAdder classesInstrumented = new LongAdder();

    public Validator(Config config, SiteRegistry sites, LockObjects lockObjects, ReportSink sink) {
        this.config = config;
        this.sites = sites;
        this.problems = new ProblemLog(debugLocks, config.once(), sink);
        this.graphLock = new GraphLock(config.limits(), this::limitReached);
        this.reports = new ReportFactory(graphLock.classes, sites, problems, config.ident(), config.stackDepth());
        this.binder = new ClassBinder(sites, lockObjects, graphLock, new SerialNumbers(threads));
        this.lockObjects = lockObjects;
        this.chainValidator = new ChainValidator(graphLock, problems, reports, binder);
        this.events = new EventValidator(binder, graphLock, chainValidator, problems, reports, sites);
        this.wakeUps = new WakeUps(binder, events, sites, reports, problems, graphLock, config.stackDepth(), config.wakeUps());
        this.classInits = new ClassInits(this, binder, chainValidator, wakeUps);
        this.classUseSite = -sites.register(new Site(new Frame("<class use>", "<class use>", null, -1), null, null, false));
        this.instances = binder.instances;
        this.chains = graphLock.chains;
    }

    /**
     * Rules for problems the project chose not to hear about: a report they match is kept (in the dump,
     * marked with the rule) but not printed. Set before the agent's hooks run.
     */
    public void suppress(Suppressions rules) {
        synchronized (graphLock) {
            problems.suppress(rules);
        }
    }

    /**
     * Where application classes can begin their initialization, as their class files tell (see
     * {@link InitOrigins}); without it, every class may be begun before its supers. Set before the hooks run.
     */
    public void initOrigins(InitOrigins origins) {
        classInits.origins(origins);
    }

    /** What part the makers of lock-keeping objects play (see {@link MakerRoles}). Set before the hooks run. */
    public void makerRoles(MakerRoles roles) {
        binder.makerRoles(roles);
    }

    /** How many problems a suppression rule matched so far. */
    public int suppressedCount() {
        return problems.suppressedCount();
    }

    /** The sites of instrumented code: a model that names a place numbers it among them. */
    public SiteRegistry sites() {
        return sites;
    }

    public boolean enabled() {
        return debugLocks.on();
    }

    /** The agent rewrote one more class (or retransformed one). */
    public void classInstrumented() {
        classesInstrumented.increment();
    }

    /** Stops all validation (after the first report with {@code once}, or after an internal fault). */
    public void turnOff() {
        debugLocks.off();
    }

    int stackDepth() {
        return config.stackDepth();
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
     * The current thread, now running agent code, for a call that may record or report: null (and
     * nothing entered) if agent code runs already or validation is off. The caller leaves in a finally.
     */
    private HeldLocks enter() {
        HeldLocks t = current();
        if (t.busy() || !debugLocks.on()) {
            return null;
        }
        t.enterAgent();
        dropHandedOff(t);
        return t;
    }

    /**
     * {@link #acquire}'s first fast path alone, for a lock (not a trylock), small enough to inline into the
     * code that locks: true if the thread takes the same lock at the same depth on the same chain as last
     * time, now recorded, or records nothing now; else nothing changed, and {@link #acquire} is to be
     * called, which tries this path again first (a few loads of the thread's own state, the price of each
     * hook staying whole for callers without the fast path). Inside a lock wrapper's primitive (a negative
     * {@code site}) a repeat is recorded at the primitive's caller, when the registry gave the site of that
     * call lately (see {@link #callerSite}); else the full path finds it.
     */
    public boolean acquiredAgain(Object lock, int site, int mode) {
        HeldLocks t = current();
        if (!t.usual()) {
            return t.busy();
        }
        if (site >= 0) {
            return t.repeat(lock, mode, false, site);
        }
        int call = t.primitiveCall;
        int caller = call == 0 ? -1 : t.calledSite(site, call);
        if (caller < 0 || !t.repeat(lock, mode, false, caller)) {
            return false;
        }
        t.primitiveCall = 0;
        return true;
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
        // Fast paths, small enough for the JIT to inline into the hook, calling nothing that could take a
        // lock except as agent code: the same lock at the same depth on the same chain as last time; a
        // reentry; else a known instance (or one seen first now and bound by its runtime class), not held
        // yet, on a chain validated before.
        if (subclass == 0 && t.usual()) {
            if (t.repeat(lock, mode, trylock, site)) {
                return;
            }
            boolean held = t.holdsObject(lock);
            long slot = t.slotMemo.slotOf(lock.getClass(), instances);
            InstanceTable.Entry e = instances.get(lock, slot);
            if (held) {
                if (e != null && reentered(t, e, mode)) {
                    return;
                }
                e = null;
            } else if (e == null && InstanceSlots.isField(slot) && !t.madeLast(lock) && debugLocks.on()) {
                e = boundByType(t, lock, site); // only an object with a slot of its own can be bound so
            }
            if (e != null) {
                Binding b = e.binding;
                long owner = b.owner;
                boolean firstTake = false;
                if (owner != t.threadId && owner != Binding.SHARED) {
                    if (!b.mayBeLeftHeld) {
                        b.taken(t.threadId); // a first thread, or a second: rare, and never again for this one
                    } else if (owner == 0) {
                        firstTake = true; // its first holding begins below, where it is sure to be pushed
                    } else { // another thread's first holding, to settle
                        acquireSlow(t, lock, site, mode, subclass, trylock);
                        return;
                    }
                }
                LockClass c = b.lockClass();
                int classId = c.id();
                // No lock of its class held: then not this instance either, and one scan answers both. One of
                // its class held, another instance: the pair is recorded on the slow path, until enough are,
                // unless it is the pair this thread nested last (a loop's repeat).
                boolean classHeld = t.holdsClass(classId);
                boolean pair = false;
                if (!classHeld || (t.indexOf(b.serial(), LockMode.ANY) < 0 && (trylock || !c.followsNesting()
                        || (pair = !c.ordered() && t.nestsAsBefore(classId, b.serial()))))) {
                    int m = mode == LockMode.FROM_LOCK ? e.mode : mode;
                    long key = ChainCache.extend(t.topChainKey(), classId, m);
                    FirstHolding first = null;
                    // A chain validated only for locks taken where they were made is not for one that was not.
                    boolean known = chains.contains(key);
                    if ((known || Birth.takenWhereMade(t, b) && chains.contains(key ^ ChainValidator.MADE_HERE_CHAIN))
                            && (!firstTake || (first = FirstHolding.begin(t, b)) != null)) {
                        t.push(lock, b.serial(), classId, m, trylock, site, key, known, false, !classHeld, false);
                        if (firstTake) {
                            t.at(t.depth - 1).beginFirstHolding(first);
                        } else if (pair) {
                            t.repeatAsPair(c);
                        }
                        if (t.sweepDue()) {
                            sweepHeld(t);
                        }
                        return;
                    }
                }
            }
        }
        acquireSlow(t, lock, site, mode, subclass, trylock);
    }

    /** A lock first seen now bound by its runtime class, as agent code (see {@link ClassBinder#boundByType}); else null. */
    private InstanceTable.Entry boundByType(HeldLocks t, Object lock, int site) {
        t.enterAgent();
        try {
            return binder.boundByType(lock, site);
        } finally {
            t.leaveAgent();
        }
    }

    /**
     * {@link #acquire}'s fast path for a reentry (a synchronized method calling another on its object):
     * counted on the held entry, as {@link #acquireSlow} counts it, when nothing else is to be recorded
     * (no initializer begun since the lock was taken, see {@link ClassInits#reentered}). False, and
     * nothing changed, for the slow path to decide.
     */
    private static boolean reentered(HeldLocks t, InstanceTable.Entry e, int mode) {
        Binding b = e.binding;
        int held = b.reentrant() ? t.indexOf(b.serial(), LockMode.ANY) : -1;
        if (held < 0) {
            return false;
        }
        HeldLocks.Entry h = t.at(held);
        if (h.mode != (mode == LockMode.FROM_LOCK ? e.mode : mode) || ClassInits.initAbove(t, held) >= 0) {
            return false;
        }
        h.refs++;
        return true;
    }

    /**
     * Everything the fast paths leave: first sight of an instance, reentry, nesting, a new chain. Only
     * this path can report, so only it asks whether the validator is still on; while it is off, the
     * fast paths go on keeping the stacks, which costs nothing and reports nothing.
     */
    private void acquireSlow(HeldLocks t, Object lock, int site, int mode, int subclass, boolean trylock) {
        if (!debugLocks.on()) {
            return;
        }
        t.enterAgent();
        try {
            dropHandedOff(t);
            int nested = t.takeNesting(lock);
            if (nested != 0) {
                subclass = nested;
            }
            InstanceTable.Entry e = binder.entryOf(lock, site, t.madeLately(lock));
            Binding b = e.binding;
            int m = mode == LockMode.FROM_LOCK ? e.mode : mode;
            int held = t.indexOf(b.serial(), LockMode.ANY);
            boolean nestedInOwnWriteLock = false;
            if (held >= 0 && b.reentrant()) {
                HeldLocks.Entry h = t.at(held);
                if (h.mode == m) {
                    h.refs++; // reentry: counted, not a new acquisition
                    classInits.reentered(t, held, lock, b, b.lockClass(), site);
                    return;
                }
                // A writer may also take its own read lock (downgrading); a reader taking the write lock hangs.
                nestedInOwnWriteLock = h.mode == LockMode.EXCLUSIVE;
            }
            LockClass c = subclass == 0 ? b.lockClass() : binder.subclassOf(b.lockClass(), subclass);
            chainValidator.take(t, lock, b, c, m, site, trylock, nestedInOwnWriteLock);
            if (t.sweepDue()) {
                freedLocks.sweep(t);
            }
        } finally {
            t.leaveAgent();
        }
    }

    /** Every so many pushes, the held stack is looked at for locks held long and locks freed (see {@link FreedLocks}). */
    private void sweepHeld(HeldLocks t) {
        t.enterAgent();
        try {
            freedLocks.sweep(t);
        } finally {
            t.leaveAgent();
        }
    }

    /** The instance table's weak entry of a lock, or null if it has none. */
    InstanceTable.Entry instanceEntry(Object lock) {
        return binder.lookUp(lock);
    }

    /** Where a registered site is. */
    Frame frameAt(int site) {
        return sites.get(site).frame();
    }

    /**
     * A class loader's lock for loading one class ({@code ClassLoader.loadClass}'s {@code synchronized
     * (getClassLoadingLock(name))}) is about to be taken. A loader that is not parallel capable locks
     * itself, the monitor the JVM also holds while it loads a class through that loader: a monitor like
     * any, named by the loader's class. A parallel-capable loader's lock for one name is named after the
     * loader's class ({@code Loader.getClassLoadingLock}); as a class's superclass is loaded while it
     * loads, these nest by the class hierarchy, which has no cycle: each depth is its own nesting
     * subclass, as {@code mutex_lock_nested} makes it, and one deeper than the subclasses go is not
     * recorded (nor is its release).
     */
    public void classLoadingLock(Object lock, Object loader, int site) {
        if (lock == loader) {
            acquire(lock, site, LockMode.EXCLUSIVE, 0, false);
            return;
        }
        HeldLocks t = enter();
        if (t == null) {
            return;
        }
        int depth;
        try {
            InstanceTable.Entry e = binder.lookUp(lock);
            if (e == null) {
                String loaderClass = loader.getClass().getName();
                binder.name(lock, ClassKey.classLoading(loaderClass),
                        loaderClass.substring(loaderClass.lastIndexOf('.') + 1) + ".getClassLoadingLock", WaitType.SLEEP);
                e = binder.lookUp(lock);
            }
            String key = e.binding.lockClass().key();
            depth = 0;
            for (int i = 0; i < t.depth; i++) {
                Object o = t.lockAt(i);
                InstanceTable.Entry held = o == null ? null : binder.lookUp(o);
                if (held != null && held.binding.lockClass().key().equals(key)) {
                    depth++;
                }
            }
        } finally {
            t.leaveAgent();
        }
        if (depth < LockClassRegistry.MAX_SUBCLASSES) {
            acquire(lock, site, LockMode.EXCLUSIVE, depth, false);
        }
    }

    /** The lock of {@link #classLoadingLock} is released: as any, unless it was too deep to be recorded. */
    public void classLoadingUnlock(Object lock, Object loader, int site) {
        if (lock == loader || current().indexOfObject(lock, LockMode.ANY) >= 0) {
            release(lock, site, LockMode.EXCLUSIVE);
        }
    }

    /** The static initializer of {@code c} begins on the current thread (see {@link ClassInits}). */
    public void initStarting(Class<?> c, int site) {
        HeldLocks t = current();
        if (!t.busy() && debugLocks.on()) {
            classInits.starting(t, c, site);
        }
    }

    /** The static initializer of {@code c} ends on the current thread, returning or throwing. */
    public void initEnded(Class<?> c, int site) {
        HeldLocks t = current();
        if (!t.busy()) {
            classInits.ended(t, c, site);
        }
    }

    /**
     * The current thread is about to use {@code c} (make one, read or write a static field, call a static
     * method), which the JVM has not initialized. True if another thread is initializing it: the use was
     * validated as an acquisition; the caller waits for the class and then calls {@link #initWaited}.
     * The place of the use is its caller's, found by a stack walk only when it is recorded.
     */
    public boolean classUse(Class<?> c) {
        HeldLocks t = current();
        return !t.busy() && debugLocks.on() && classInits.using(t, c, classUseSite);
    }

    /** The wait that {@link #classUse} announced is over. */
    public void initWaited(Class<?> c) {
        HeldLocks t = current();
        if (!t.busy()) {
            classInits.waited(t, c, classUseSite);
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
        if (t.busy() || !debugLocks.on()) {
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
            chainValidator.take(t, map, Binding.pseudoInstance(c, serial), c, LockMode.EXCLUSIVE, site, false, false);
        } finally {
            t.leaveAgent();
        }
    }

    /**
     * Drops the entries of lock instances the program let go, as they are collected, until interrupted:
     * for a thread of the agent's own (its locking is not recorded).
     */
    public void reapCollectedInstances() throws InterruptedException {
        binder.reapCollectedInstances();
    }

    /**
     * Records a release; a lock the thread does not hold is reported as a bad unlock, unless any thread may
     * release it (an ownerless {@code StampedLock}: then it is handed off, see {@link #dropHandedOff}).
     */
    public void release(Object lock, int site, int mode) {
        HeldLocks t = current();
        if (t.busy()) {
            return;
        }
        // Fast path: the lock released is the top entry's own object; the site is not needed.
        int top = t.depth - 1;
        if (top >= 0) {
            HeldLocks.Entry h = t.at(top);
            FirstHolding first = h.firstHolding;
            if (releasesTop(h, lock, mode) && (first == null || !first.heldBackAny())) {
                if (h.refs == 1 && first != null) {
                    h.endFirstHolding();
                    first.endQuietly();
                }
                releaseTop(t, h, site);
                return;
            }
        }
        releaseSlow(t, lock, site, mode);
    }

    /**
     * {@link #release}'s fast path alone, small enough to inline into the code that unlocks: true if the
     * lock released is the top entry's own object, outside a first holding, now released, or nothing is
     * recorded now; else nothing changed, and {@link #release} is to be called.
     */
    public boolean releasedAtTop(Object lock, int site, int mode) {
        HeldLocks t = current();
        if (t.busy()) {
            return true;
        }
        int top = t.depth - 1;
        if (top < 0) {
            return false;
        }
        HeldLocks.Entry h = t.at(top);
        if (!releasesTop(h, lock, mode) || h.firstHolding != null) {
            return false;
        }
        releaseTop(t, h, site);
        return true;
    }

    private static boolean releasesTop(HeldLocks.Entry h, Object lock, int mode) {
        return h.lock == lock && (mode == LockMode.FROM_LOCK || mode == LockMode.ANY || mode == h.mode);
    }

    /** Releases the top entry {@code h} once. */
    private static void releaseTop(HeldLocks t, HeldLocks.Entry h, int site) {
        int refs = h.refs;
        if (refs == 1) { // popped with its count left at 1, which the next repeat then need not store
            t.pop();
        } else {
            h.refs = refs - 1;
        }
        if (site < 0) {
            t.primitiveCall = 0;
        }
    }

    private void releaseSlow(HeldLocks t, Object lock, int site, int mode) {
        if (site < 0) {
            site = callerSite(t, site);
        }
        if (!debugLocks.on()) {
            return;
        }
        t.enterAgent();
        try {
            dropHandedOff(t);
            InstanceTable.Entry e = binder.entryOf(lock, site);
            int m = mode == LockMode.FROM_LOCK ? e.mode : mode;
            int i = t.indexOf(e.binding.serial(), m);
            if (i < 0) {
                i = t.indexOfObject(lock, m); // a pseudo-lock's instance, released out of order
            }
            if (i < 0 && lockObjects.ownerless(lock)) {
                // Its own holding in the other mode (converted by code the agent does not rewrite); else another thread's.
                i = t.indexOf(e.binding.serial(), LockMode.ANY);
                if (i < 0) {
                    handedOff = true; // released for the thread that took it, which drops its entry later
                    return;
                }
            }
            if (i < 0) {
                badUnlock(t, e.binding, site);
            } else if (--t.at(i).refs == 0) {
                chainValidator.settleEnded(t.at(i));
                t.removeAt(i);
            }
        } finally {
            t.leaveAgent();
        }
    }

    /**
     * Drops the thread's entries of ownerless locks ({@code StampedLock}) that another thread released:
     * once any such release happened, each slow path ({@link #enter}, the acquire and release slow paths,
     * an event's wait) compares the thread's entries with their locks' state, and one whose lock is held
     * in neither mode is a holding another thread ended (either mode: a conversion the agent did not see
     * may have changed it). Its first holding, if it was one, settles as at a release. An entry whose lock
     * another thread took again since cannot be told from a holding, and stays.
     */
    private void dropHandedOff(HeldLocks t) {
        if (!handedOff) {
            return;
        }
        for (int i = t.depth - 1; i >= 0; i--) {
            HeldLocks.Entry h = t.at(i);
            Object o = h.object();
            if (o != null && !lockObjects.heldNow(o)) {
                chainValidator.settleEnded(h);
                t.removeAt(i);
            }
        }
    }

    /**
     * A task run by a pool ends: its innermost pseudo-lock ({@code map}: its work item's, else its pool's)
     * is released. Locks the task took and still holds are leaked, as lockdep's "BUG: workqueue leaked
     * lock or atomic" says: reported once per task class and leaked classes, and dropped from the
     * worker's held stack, which would otherwise order them before every lock of every later task.
     */
    public void taskEnded(Object map, int site) {
        HeldLocks t = enter();
        if (t != null) {
            try {
                int i = t.indexOfObject(map, LockMode.ANY);
                if (i >= 0 && i < t.depth - 1) {
                    leaked(t, i, site);
                }
            } finally {
                t.leaveAgent();
            }
        }
        release(map, site, LockMode.EXCLUSIVE);
    }

    /** The locks above held entry {@code i}, a task's own, were left held by it: said, then dropped. */
    private void leaked(HeldLocks t, int i, int site) {
        Report r;
        synchronized (graphLock) {
            LockClass task = graphLock.byId(t.at(i).classId);
            Set<String> keys = new HashSet<>();
            for (int j = i + 1; j < t.depth; j++) {
                keys.add(graphLock.byId(t.at(j).classId).key());
            }
            String problem = ProblemKey.leaked(keys);
            r = problems.once(problem, () -> reports.leaked(t, i + 1, task, sites.get(site).frame(), problem));
        }
        problems.emit(r);
        while (t.depth > i + 1) {
            t.removeAt(t.depth - 1);
        }
    }

    /** print_unlock_imbalance_bug, unless attached: a lock taken before the agent came is unknown. */
    private void badUnlock(HeldLocks t, Binding b, int site) {
        if (config.attached()) {
            return;
        }
        Frame at = sites.get(site).frame();
        String problem = ProblemKey.badUnlock(b.lockClass().key(), at);
        Report r;
        synchronized (graphLock) {
            r = problems.once(problem, () -> reports.badUnlock(t, b.lockClass(), at, problem));
        }
        problems.emit(r);
    }

    /**
     * Gives up {@code lock} for the duration of a wait ({@code Object.wait}, {@code Condition.await}):
     * the held entry is removed whatever its reentrancy count. Returns null if the thread did not hold it.
     */
    public WaitToken releaseForWait(Object lock) {
        HeldLocks t = enter();
        if (t == null) {
            return null;
        }
        try {
            // A condition stands for its lock: entryOf finds the lock's binding through the identity.
            InstanceTable.Entry e = binder.entryOf(lock, SiteRegistry.UNKNOWN);
            int i = t.indexOf(e.binding.serial(), LockMode.ANY);
            if (i < 0) {
                return null;
            }
            HeldLocks.Entry h = t.at(i);
            LockClass c;
            synchronized (graphLock) {
                c = graphLock.byId(h.classId);
            }
            WaitToken token = new WaitToken(t.lockAt(i), e.binding, c, h.mode, h.refs);
            chainValidator.settleEnded(h);
            t.removeAt(i);
            return token;
        } finally {
            t.leaveAgent();
        }
    }

    /**
     * Validates taking {@code lock} now, as {@link #acquire} would, without holding it afterwards: for an
     * acquisition the JVM makes on its own once this returns (the monitor of a JDK synchronized method,
     * whose class cannot be reshaped), so that an order closing a cycle is reported before the thread
     * can block on it. The acquisition itself is recorded after, as before, on a chain then cached.
     */
    public void validateBeforeBlocking(Object lock, int site) {
        HeldLocks t = current();
        long below = t.topChainKey();
        if (t.checkedLock == lock && t.checkedBelow == below && t.usual()) {
            return; // validated on this very chain last time
        }
        if (t.busy() || t.depth == 0 || t.holdsObject(lock) || t.nestingPendingFor(lock)) {
            // Nothing held orders it; a reentry blocks on nothing; an annotated nesting is the next acquire's.
            // The method's entry hook will look the object up by identity hash while the method holds its
            // monitor: hashed first then, JDK 17's stack lock inflates it (an ObjectMonitor allocated, to be
            // deflated later: a quarter of what a new StringBuffer cost). Hashed now, unlocked, it stays thin.
            // The other paths below hash it as they look it up.
            System.identityHashCode(lock);
            return;
        }
        // Fast path: a known instance of a class not held, on a chain validated before.
        InstanceTable.Entry e = t.usual() ? instances.get(lock, t.slotMemo) : null;
        if (e != null) {
            int classId = e.binding.lockClass().id();
            if (!t.holdsClass(classId) && chains.contains(ChainCache.extend(below, classId, LockMode.EXCLUSIVE))) {
                t.checkedLock = lock;
                t.checkedBelow = below;
                return;
            }
        }
        acquire(lock, site, LockMode.EXCLUSIVE, 0, false);
        int top = t.depth - 1;
        if (top >= 0 && t.at(top).lock == lock) {
            t.removeAt(top);
            InstanceTable.Entry bound = instances.get(lock);
            if (bound == null || bound.binding.birth == null) { // else its chain may be cached for it alone (Birth)
                t.checkedLock = lock;
                t.checkedBelow = below;
            }
        }
    }

    /**
     * Validates the taking back of a lock given up for a wait, before the wait: the thread may block on it
     * when it wakes, under what it holds now (hold M, take H, {@code M.wait()} takes M back under H).
     */
    public void validateRetake(WaitToken token, int site) {
        retake(token, site, false);
    }

    /**
     * Takes back a lock given up for a wait: a new acquisition, at the wait's site, on top of whatever
     * the thread holds now.
     */
    public void reacquireAfterWait(WaitToken token, int site) {
        retake(token, site, true);
    }

    /** Takes the lock of a wait back (validated and then dropped, unless {@code keep}). */
    private void retake(WaitToken token, int site, boolean keep) {
        if (token == null) {
            return;
        }
        HeldLocks t = enter();
        if (t == null) {
            return;
        }
        try {
            if (!keep && t.depth == 0) {
                return; // nothing held orders it
            }
            site = callerSite(t, site);
            chainValidator.take(t, token.lock(), token.binding(), token.lockClass(), token.mode(), site, false, false);
            if (keep) {
                t.at(t.depth - 1).refs = token.refs();
            } else {
                t.removeAt(t.depth - 1);
            }
        } finally {
            t.leaveAgent();
        }
    }

    /** Binds a newly created lock to the class its allocation site names (a field, or the site itself). */
    public void created(Object lock, int site) {
        HeldLocks t = enter();
        if (t == null) {
            return;
        }
        try {
            binder.created(lock, callerSite(t, site), t);
        } finally {
            t.leaveAgent();
        }
    }

    /**
     * An object of a class with synchronized methods was just constructed: if its thread holds another
     * instance of the same class, it is bound now, as made under that one (a child built under its parent,
     * a fresh descriptor under the one it describes), which the nesting triage counts as evidence of an
     * order. Made under another lock, the thread remembers it until the next such object, and it is
     * bound as made there if locked first meanwhile (the lifecycle triage's evidence, see {@link Birth}).
     * A monitor is otherwise bound only when first locked, too late to know where it was made.
     */
    public void constructed(Object object) {
        HeldLocks t = current();
        if (t.depth == 0 || t.busy() || !debugLocks.on()) {
            return;
        }
        if (!t.holdsInstanceOf(object.getClass())) {
            t.made(object); // bound if it is locked, as made here
            return;
        }
        t.enterAgent();
        try {
            binder.created(object, SiteRegistry.UNKNOWN, t);
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
        HeldLocks t = enter();
        if (t == null) {
            return;
        }
        try {
            binder.name(lock, key, name, waitType);
        } finally {
            t.leaveAgent();
        }
    }

    /**
     * Declares the order in which instances of {@code lock}'s class nest, as lockdep_set_lock_cmp_fn does:
     * one taken inside another is in order when {@code order.compare(outer, inner) < 0}, and never
     * reported; against it, it is reported at once.
     */
    public void declareOrder(Object lock, Comparator<Object> order) {
        HeldLocks t = enter();
        if (t == null) {
            return;
        }
        try {
            binder.entryOf(lock, SiteRegistry.UNKNOWN).binding.lockClass().declareOrder(order);
        } finally {
            t.leaveAgent();
        }
    }

    /**
     * Declares that {@code lock}'s class nests parent outside child: a child (an instance made while its
     * thread held another of the class) inside its parent is in order, a parent inside its child is
     * reported at once.
     */
    public void declareParentFirst(Object lock) {
        HeldLocks t = enter();
        if (t == null) {
            return;
        }
        try {
            binder.entryOf(lock, SiteRegistry.UNKNOWN).binding.lockClass().declareParentFirst();
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

    /** Called on a thread that is about to end: locks it still holds (not handed off) are reported. */
    public void threadExit() {
        HeldLocks self = current();
        threads.ending(self);
        if (self.depth == 0) {
            return;
        }
        HeldLocks t = enter();
        if (t == null) {
            return;
        }
        try {
            if (t.depth == 0) {
                return; // it held only locks handed off to other threads
            }
            Report r;
            synchronized (graphLock) {
                Set<String> keys = new HashSet<>();
                for (int i = 0; i < t.depth; i++) {
                    keys.add(graphLock.byId(t.at(i).classId).key());
                }
                String problem = ProblemKey.heldAtExit(keys);
                r = problems.once(problem, () -> reports.heldAtExit(t, problem));
            }
            problems.emit(r);
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
        if (lock == null) {
            return;
        }
        HeldLocks t = enter();
        if (t == null) {
            return;
        }
        try {
            // Looked up, never bound: a lock not seen yet is not held, and keeps the class its first
            // acquisition will give it.
            InstanceTable.Entry e = binder.lookUp(lock);
            boolean held = e != null && t.holds(e.binding.serial(), mode);
            if (held != wantHeld) {
                String name = e != null ? e.binding.lockClass().bareName() : binder.classNameOf(lock);
                warn(t, assertion + "(" + name + ")" + (wantHeld ? ": lock not held" : ": lock held"));
            }
        } finally {
            t.leaveAgent();
        }
    }

    /**
     * A task running on a bounded pool of {@code workers} threads (its map {@code poolMap} held) waits
     * for a task of that same pool ({@code workMap}): reported once per pool class, with where it waits.
     */
    public void starvation(Object poolMap, int workers, Object workMap) {
        HeldLocks t = enter();
        if (t == null) {
            return;
        }
        try {
            LockClass pool = binder.entryOf(poolMap, SiteRegistry.UNKNOWN).binding.lockClass();
            LockClass waitedOn = binder.entryOf(workMap, SiteRegistry.UNKNOWN).binding.lockClass();
            Frame found = Stacks.firstCaller(sites);
            Frame at = found != null ? found : sites.get(SiteRegistry.UNKNOWN).frame();
            String problem = ProblemKey.starvation(pool.key());
            Report r;
            synchronized (graphLock) {
                r = problems.once(problem, () -> reports.starvation(t, pool, workers, waitedOn, at, problem));
            }
            problems.emit(r);
        } finally {
            t.leaveAgent();
        }
    }

    /** WARN_ONCE: a problem the caller found, reported once per call site and message. */
    public void warnOnce(String message) {
        HeldLocks t = enter();
        if (t == null) {
            return;
        }
        try {
            warn(t, message);
        } finally {
            t.leaveAgent();
        }
    }

    private void warn(HeldLocks t, String message) {
        List<Frame> stack = reports.stack();
        Frame found = Stacks.firstCaller(sites);
        Frame at = found != null ? found : sites.get(SiteRegistry.UNKNOWN).frame();
        String problem = ProblemKey.warning(at, message);
        Report r;
        synchronized (graphLock) {
            r = problems.once(problem, () -> reports.warning(t, message, at, stack, problem));
        }
        problems.emit(r);
    }

    /** A limit is reached (under the graph lock): said once, and validation turns off. */
    private void limitReached(String option, int limit, String what) {
        if (debugLocks.on()) {
            problems.limitReached(reports.limit(current(), option, limit, what));
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Work items and events (see EventValidator)

    /**
     * A task (a work item, bound with {@link #name}) was queued: the first of its class keeps the stack,
     * which a report through the class shows. Later ones cost a look-up.
     */
    public void queued(Object task) {
        HeldLocks t = current();
        if (t.busy() || !debugLocks.on()) {
            return;
        }
        InstanceTable.Entry e = instances.get(task);
        if (e == null || !e.binding.lockClass().queued().isEmpty()) {
            return;
        }
        t.enterAgent();
        try {
            List<Frame> stack = reports.stack();
            synchronized (graphLock) {
                e.binding.lockClass().markQueued(stack);
            }
        } finally {
            t.leaveAgent();
        }
    }

    /**
     * The current thread hands work to another thread (a thread made, a task queued, a signal sent): what
     * it made in the holdings it is in may be taken first by that thread, and is no longer made there
     * for the lifecycle triage (see {@link Birth}).
     */
    public void handedOver() {
        current().handedOver();
    }

    /** Names a synchronizer's event where the application makes it: after its field, or the site. */
    public void eventCreated(Object sync, int site, String kind) {
        if (kind.equals(EventKinds.THREAD)) {
            handedOver();
        }
        if (!config.events()) {
            return;
        }
        HeldLocks t = enter();
        if (t == null) {
            return;
        }
        try {
            events.created(sync, callerSite(t, site), kind);
        } finally {
            t.leaveAgent();
        }
    }

    /** The current thread is about to wait, untimed, for the event of {@code sync}. */
    public void eventWait(Object sync, int site, String kind) {
        HeldLocks t = current();
        if (t.busy() || !debugLocks.on() || !config.events()) {
            return;
        }
        if (site < 0) {
            site = callerSite(t, site);
        }
        if (handedOff) { // before the known-chain test: a handed-off entry is no longer the thread's
            t.enterAgent();
            try {
                dropHandedOff(t);
            } finally {
                t.leaveAgent();
            }
        }
        if (events.waitKnown(t, sync, kind)) {
            return;
        }
        t.enterAgent();
        try {
            events.await(t, sync, site, kind);
        } finally {
            t.leaveAgent();
        }
    }

    /**
     * The current thread begins an untimed wait for the event of {@code sync} at {@code site}, after its
     * validation: where it waits is remembered for the wake-up checks and, while the watchdog runs, what
     * it waits for. Monitors and conditions say when the wait ends ({@link #waitEnds}).
     */
    public void waitBegins(Object sync, int site, String kind) {
        if (!config.wakeUps() && !wakeUps.watched()) {
            return;
        }
        HeldLocks t = enter();
        if (t == null) {
            return;
        }
        try {
            wakeUps.waitBegins(t, sync, callerSite(t, site), kind);
        } finally {
            t.leaveAgent();
        }
    }

    /** A test framework says the test {@code name} starts on the current thread (see {@link RunningTests}). */
    public void testStarted(String name) {
        problems.tests.started(name);
    }

    /** The test {@code name} on the current thread is over. */
    public void testFinished(String name) {
        problems.tests.finished(name);
    }

    /** The watchdog starts: threads' waits are recorded for it, and signals that find no waiter. */
    void watchWaits() {
        wakeUps.watch();
    }

    WakeUps wakeUps() {
        return wakeUps;
    }

    ClassInits classInits() {
        return classInits;
    }

    /** The current thread's wait on a monitor or condition is over. */
    public void waitEnds() {
        WakeUps.waitEnds(current());
    }

    /** The current thread's wait is over (or a task begins): what it takes next is a new event context. */
    public void eventContext() {
        current().newContext();
    }

    /** The current thread signals the event of {@code sync}: the event depends on its context's locks. */
    public void eventSignal(Object sync, int site, String kind) {
        signalSeen(sync, site, kind);
        signal(sync, site, kind, true);
    }

    /**
     * The current thread wakes one waiter of the event of {@code sync} ({@code notify()}, a condition's
     * {@code signal()}), named {@code call}: if its waiters waited at two places, for different conditions
     * it may be, the one woken may not be the one whose condition came true, and that one waits on: said
     * once per place (a {@code WARNING}, with both places). Then the signal, as any.
     */
    public void eventSignalOne(Object sync, int site, String kind, String call) {
        if (!debugLocks.on()) {
            return;
        }
        String waits = config.wakeUps() ? wakeUps.waitedForAtTwoPlaces(sync, kind, site) : null;
        HeldLocks t = waits == null ? null : enter();
        if (t != null) {
            try {
                warn(t, call + " wakes one waiter of " + waits + "\nthe one it wakes may not be the one whose condition"
                        + " came true, which then waits on: " + call.replace("()", "All()") + " wakes them all");
            } finally {
                t.leaveAgent();
            }
        }
        signalSeen(sync, site, kind);
        signal(sync, site, kind, true);
    }

    /** While the watchdog runs, a signal is told to {@link WakeUps}: its sender, and whether anyone waited. */
    private void signalSeen(Object sync, int site, String kind) {
        if (!wakeUps.watched() || site < 0) {
            return;
        }
        HeldLocks t = enter();
        if (t == null) {
            return;
        }
        try {
            wakeUps.signalled(t, sync, callerSite(t, site), kind);
        } finally {
            t.leaveAgent();
        }
    }

    /**
     * A signal that names no event, such as a thread's end: kept (weakly) until something names the
     * event, if nothing has yet (see {@link EventValidator#signal}).
     */
    public void knownEventSignal(Object sync, int site, String kind) {
        signal(sync, site, kind, false);
    }

    private void signal(Object sync, int site, String kind, boolean bind) {
        HeldLocks t = current();
        t.handedOver(); // a thread it wakes may take what this one made (see Birth)
        if (t.busy() || t.contextCount == 0 || !debugLocks.on() || !config.events()) {
            return;
        }
        if (site < 0) {
            site = callerSite(t, site);
        }
        int from = t.signalFrom(sync);
        if (from == HeldLocks.NOT_HELD) { // only a condition is signalled under a lock other than itself
            from = kind.equals(EventKinds.CONDITION) ? conditionSignalFrom(t, sync) : 0;
        }
        if (events.signalKnown(t, sync, kind, from)) {
            return;
        }
        t.enterAgent();
        try {
            events.signal(t, sync, site, kind, bind, from);
        } finally {
            t.leaveAgent();
        }
    }

    /**
     * Where a signal of a condition begins its context: by the sections of the condition's lock, as the
     * thread holds it (a condition is signalled under its lock); 0, the whole context, if not held.
     */
    private int conditionSignalFrom(HeldLocks t, Object condition) {
        InstanceTable.Entry e = binder.lookUp(condition);
        int held = e == null ? -1 : t.indexOf(e.binding.serial(), LockMode.ANY);
        return held < 0 ? 0 : t.signalFromHeld(held);
    }

    // ---------------------------------------------------------------------------------------------
    // Queries

    /** Whether the current thread holds {@code lock} (in {@code mode}, or any mode for {@link LockMode#ANY}). */
    public boolean holds(Object lock, int mode) {
        InstanceTable.Entry e = instances.get(lock);
        return e != null && current().indexOf(e.binding.serial(), mode) >= 0;
    }

    /** How many reports were made so far. */
    public int reportCount() {
        synchronized (graphLock) {
            return problems.count();
        }
    }

    /** The reports after the first {@code count}. */
    public List<Report> reportsSince(int count) {
        synchronized (graphLock) {
            return problems.since(count);
        }
    }

    /** What a periodic statistics event says: a few counts, read under the graph lock without copying anything. */
    public record Counts(int lockClasses, int dependencies, long chains, int reports, long classesInstrumented,
                         boolean validating) {
    }

    public Counts counts() {
        synchronized (graphLock) {
            return new Counts(graphLock.classes.size(), graphLock.dependencyCount(), chains.size(), problems.count(),
                    classesInstrumented.sum(), enabled());
        }
    }

    /** A consistent copy of the graph and the reports, e.g. for the dump written at exit. */
    public GraphSnapshot snapshot() {
        synchronized (graphLock) {
            List<GraphSnapshot.ClassInfo> cs = new ArrayList<>();
            for (LockClass c : graphLock.classes.all()) {
                cs.add(new GraphSnapshot.ClassInfo(c.id(), c.key(), c.name(), c.subclass(), c.nameVersion(),
                        c.bareName(), c.usageChars(), c.waitType().level));
            }
            List<GraphSnapshot.DependencyInfo> ds = new ArrayList<>();
            for (Dependency d : graphLock.dependencies()) {
                ds.add(new GraphSnapshot.DependencyInfo(d.from().id(), d.to().id(), d.kinds(), d.firstStack(),
                        d.firstThread(), d.instancePairs()));
            }
            return new GraphSnapshot(config.ident(), config.agentVersion(), cs, ds, problems.all(), problems.triage(graphLock),
                    problems.suppressed(), problems.seenInTest(),
                    chains.size(),
                    chains.evicted(), graphLock.heldBack, instances.added(), chainValidator.maxDepth(),
                    classesInstrumented.sum(), enabled());
        }
    }

    /**
     * The thread enters a critical section on {@code monitor} at {@code site}, in a class that waits or
     * notifies: a later notify on it knows where what it ends began (see {@link HeldLocks#signalFrom}).
     */
    public void sectionEntered(Object monitor, int site) {
        HeldLocks t = current();
        if (t.busy()) {
            return;
        }
        if (site < 0) { // inside a lock wrapper: the section is at its caller, where the acquisition was recorded
            int held = t.indexOfObject(monitor, LockMode.ANY);
            if (held < 0) {
                return;
            }
            site = t.at(held).site;
        }
        t.sectionEntered(monitor, site);
    }

    /**
     * The thread is about to call a lock wrapper's primitive from {@code site}: the primitive's next lock
     * operation is recorded there (see {@link #callerSite}).
     */
    public void callingPrimitive(int site) {
        current().primitiveCall = site;
    }

    /**
     * The current thread's code makes a lock wrapper at construction {@code id} (registered with
     * {@link SiteRegistry#newConstruction}), or is done with it (0): the wrapper's lock is named after the
     * field the construction stores it in, without walking the stack to find who made it. {@code maker}
     * is the object whose code makes it ({@code this} there), or null (see {@link MakerRoles}).
     */
    public void constructing(int id, Object maker) {
        HeldLocks t = current();
        t.construction = id;
        t.constructionMaker = maker;
        t.constructionRole = null;
    }

    /** A site as passed by a hook, a primitive's (negated) placed at its caller. */
    int siteOf(HeldLocks t, int site) {
        return callerSite(t, site);
    }

    /**
     * The site of a lock primitive's caller: the call the thread said it was making, else one a stack walk
     * finds (see {@link SiteRegistry#atCaller}); while validation is off nothing will print it, so the
     * primitive's own site does. A site of zero or more is the site itself.
     */
    private int callerSite(HeldLocks t, int site) {
        if (site >= 0) {
            return site;
        }
        int call = t.primitiveCall;
        if (call != 0) {
            t.primitiveCall = 0;
        }
        if (!debugLocks.on()) {
            return -site;
        }
        if (call != 0) {
            int known = t.calledSite(site, call);
            if (known < 0) {
                known = sites.atCall(site, call);
                t.calledAt(site, call, known);
            }
            return known;
        }
        t.enterAgent();
        try {
            return sites.atCaller(site);
        } finally {
            t.leaveAgent();
        }
    }

    private HeldLocks current() {
        Thread thread = Thread.currentThread();
        HeldLocks t = ThreadStates.probe(byThreadId, thread);
        return t != null ? t : threads.currentSlow(thread);
    }
}
