package dev.jlockdep.core;

import java.util.Arrays;

/**
 * The locks one thread holds, outermost first. Entries are reused objects, one per depth, so pushing
 * and popping on the hot path allocate nothing and, in a steady state, store no references: an entry
 * keeps its lock object after the release and the next push of the same lock at that depth writes
 * nothing (a thread thus keeps at most its deepest stack's worth of released locks reachable, bounded).
 * Owned by its thread; only that thread uses it.
 */
final class HeldLocks {
    /** Slots of the thread's cache of primitive call sites: 64 (a server's thread calls a few dozen). */
    private static final int CALLED_BITS = 6;
    static final long EMPTY_CHAIN = 0;
    /** Mixed into the chain key of a first holding (see {@link Entry#firstHolding}). */
    static final long FIRST_HOLDING_CHAIN = 0x6A09E667F3BCC909L;

    /** One held lock. */
    static final class Entry {
        /** The lock; null once {@link #demoted}. */
        Object lock;
        /**
         * The lock's weak entry in the instance table, instead of {@link #lock}, once it was held long
         * (see {@link FreedLocks}): the held stack alone no longer keeps a dropped lock's object alive.
         */
        InstanceTable.Entry demoted;
        /** The thread's count of pushes when this one was pushed. */
        int pushedAt;
        long serial;
        int classId;
        int mode;
        boolean trylock;
        int refs;
        int site;
        long chainKey;
        /** The chain key below this entry when it was pushed. */
        long below;
        /**
         * Which pushes {@link #repeat} may make of it again: {@link #NEVER}, {@link #AS_TRYLOCK}, {@link #ALWAYS}
         * or {@link #SAME_PAIR}.
         */
        int repeatable;
        /** Taken at a nesting subclass: {@link #holdsClass} counts it as a lock of any class (it may be one's family). */
        boolean subclassed;
        /** For {@link #SAME_PAIR}: the instance of its class directly below it, and that class. */
        long pairOuter;
        LockClass pairClass;
        /**
         * The lock's first holding, whose dependencies may be held back (see {@link FirstHolding}), else
         * null. Its chain key is then {@link #FIRST_HOLDING_CHAIN} apart from the plain one, so that
         * acquisitions under it never take a chain cached while their dependency was held back.
         */
        FirstHolding firstHolding;

        /** The object held, demoted or not; null if it was collected. */
        Object object() {
            return lock != null ? lock : demoted != null ? demoted.get() : null;
        }

        /** Whether this entry holds {@code object} (not null), demoted or not. */
        boolean is(Object object) {
            return lock == object || lock == null && demoted != null && demoted.refersTo(object);
        }

        /** The entry just pushed is its lock's first holding: its chain key is set apart, and it is never repeated. */
        void beginFirstHolding(FirstHolding h) {
            firstHolding = h;
            chainKey ^= FIRST_HOLDING_CHAIN;
            repeatable = NEVER;
        }

        /** Its first holding ends; its chain key stays a first holding's, so it is still never repeated. */
        void endFirstHolding() {
            firstHolding = null;
            repeatable = NEVER;
        }
    }

    /**
     * Never repeated: taken as a nesting subclass (its class is not its lock's own), or with interrupts
     * disabled (its chain key is not the plain one), or with a lock of its class below it.
     */
    static final int NEVER = 0;
    /** Repeated as a trylock only (which adds no dependency): its chain was not in the chain cache. */
    static final int AS_TRYLOCK = 1;
    /** Repeated by any acquisition: no lock of its class below it, and its chain was in the cache. */
    static final int ALWAYS = 2;
    /**
     * Repeated as {@link #ALWAYS}, while the same instance of its class is directly below it and no order
     * of the class's instances is declared: a pair of one class nested, recorded (see {@link #nestedPair}).
     */
    static final int SAME_PAIR = 3;

    /** Pushes so far, and the count at which {@link FreedLocks} next looks at the held stack. */
    int pushes;
    int nextSweep = FreedLocks.SWEEP_EVERY;

    final Thread thread = Thread.currentThread();
    /** The untimed wait the thread is in (see {@link ThreadWait}), recorded while the watchdog runs; else null. */
    volatile ThreadWait waiting;
    /** The thread's id, which lock instances remember as their one taker (see {@link Binding#taken}). */
    final long threadId = thread.getId();
    int depth;
    /** Above zero while agent code runs on this thread, whose own lock operations are not recorded. */
    private int busy;
    /** A lock whose next acquisition is nested at {@link #nestSubclass} (the api's {@code nested}). */
    private Object nestLock;
    /**
     * The lock last validated before a blocking call, and the chain it was validated on: the same call in
     * a loop is validated once (a chain once validated has all its dependencies in the graph).
     */
    Object checkedLock;
    long checkedBelow;
    private int nestSubclass;
    /**
     * Zero unless agent code runs, a nested acquisition is pending or interrupts are off: the three
     * reasons the acquire fast paths step aside, kept in one field so that they cost one load.
     */
    private int unusual;
    /** Memalloc scope bits (the api's {@code Memalloc.NOFS} ...), as the kernel keeps them in task flags. */
    int memalloc;
    /** The bits saved by each annotated scope method entered and not yet left, innermost last. */
    private int[] savedScopes = new int[4];
    private int scopeDepth;
    /** 1 while the thread runs with interrupts disabled (models of {@code local_irq_save}). */
    private int irqsOff;
    /**
     * Acquisitions made with nothing held so far, and releases of the outermost lock out of order:
     * unchanged for as long as the thread keeps its outermost lock, which is what the watchdog samples
     * (read racily by it). Counted only while {@link #watched}.
     */
    int outermost;
    /** Whether the watchdog samples this thread: a thread it does not sample has no use for {@link #outermost}. */
    boolean watched;
    /** The latest object with synchronized methods the thread made while it held a lock, not locked since; else null. */
    private Object lastMade;
    /** The holding the thread made {@link #lastMade} in: its innermost lock's serial and push (see {@link Birth}). */
    private long lastMadeUnder;
    private int lastMadeUnderPush;
    /** The thread's count of pushes when it last handed work to another thread (see {@link Birth}). */
    int handedOverAt;
    /** The site of the call of a lock wrapper's primitive the thread is making, or 0: its lock operation's place. */
    int primitiveCall;
    /**
     * The sites that stood lately for this thread's primitive calls ({@link SiteRegistry#atCall}), by a hash
     * of the (primitive, call) pair: the thread's own copy, so that a wrapper's lock operation reads nothing
     * another thread writes. Made on the first such call.
     */
    private long[] calledPairs;
    private int[] calledSites;
    /** The construction of a lock wrapper the thread's code is making ({@link SiteRegistry#constructionNamed}), or 0. */
    int construction;
    /** The object whose code makes that construction ({@code this} where it is made) until a lock's binding used it. */
    Object constructionMaker;
    /** The maker's role that binding found, for the construction's other locks; null if none. */
    String[] constructionRole;
    /** The next serial number of the thread's block, and how many are left in it (see {@link SerialNumbers}). */
    long nextSerial;
    int serialsLeft;
    /** Where the objects of the classes this thread locked last keep their slot. */
    final SlotMemo slotMemo = new SlotMemo();

    Entry[] stack = newEntries(new Entry[0], 8);

    /*
     * The event context (DEPT's): the outermost locks taken since the thread last waited for an event,
     * or started, or began a task; a signal it sends depends on them (locks taken under them are reached
     * through the graph). An acquisition at a depth no deeper than the held depth when the context began
     * is outermost in it. A small set: when full, the oldest entry makes room.
     */
    static final int CONTEXT = 8;
    final int[] contextClass = new int[CONTEXT];
    final long[] contextSerial = new long[CONTEXT];
    final int[] contextMode = new int[CONTEXT];
    final int[] contextSite = new int[CONTEXT];
    int contextCount;
    private int contextNext;
    private int contextFloor;
    /** The class noted last: the hot paths test it inline, so a loop on one outermost lock costs a compare. */
    private int contextLast = -1;
    /** A hash of the classes in the context, independent of their order (a chain-cache key for signals). */
    long contextKey;
    /** How many locks were noted in the context so far; each slot keeps its number (its place in time). */
    private int contextNotes;
    private final int[] contextOrder = new int[CONTEXT];
    /**
     * Critical sections the thread entered in the context, on monitors of classes that wait or notify: a
     * notify's section is known by them from the section that began what it ends (see signalFrom).
     * Allocated when the thread first enters one.
     */
    private SectionRing sections;
    /** What {@link #signalFrom} says of an object the thread does not hold. */
    static final int NOT_HELD = -1;

    /**
     * The chain key of the whole stack: the top entry's. Not kept in a field of its own: a store on every
     * push and pop costs more than this load, as each lock operation's atomic instruction waits for the
     * stores before it.
     */
    long topChainKey() {
        return depth == 0 ? EMPTY_CHAIN : stack[depth - 1].chainKey;
    }

    /** Whether the acquire fast paths apply: no agent code running, no nesting pending, interrupts on. */
    boolean usual() {
        return unusual == 0;
    }

    boolean busy() {
        return busy != 0;
    }

    /** Agent code starts running on this thread: its lock operations are not recorded. */
    void enterAgent() {
        busy++;
        unusual++;
    }

    void leaveAgent() {
        busy--;
        unusual--;
    }

    /** Makes the next acquisition of {@code lock} one of nesting subclass {@code subclass}. */
    void nestNext(Object lock, int subclass) {
        if (nestLock == null) {
            unusual++;
        }
        nestLock = lock;
        nestSubclass = subclass;
    }

    /** Whether a nesting subclass is pending for {@code lock}. */
    boolean nestingPendingFor(Object lock) {
        return nestLock != null && nestLock == lock;
    }

    /** The nesting subclass pending for {@code lock}, used up; 0 if none is. */
    int takeNesting(Object lock) {
        if (nestLock == null || nestLock != lock) {
            return 0;
        }
        nestLock = null;
        unusual--;
        return nestSubclass;
    }

    boolean irqsOff() {
        return irqsOff != 0;
    }

    /** Sets whether interrupts are off (models of {@code local_irq_save}); returns the old state, 0 or 1. */
    int setIrqsOff(boolean off) {
        int old = irqsOff;
        irqsOff = off ? 1 : 0;
        unusual += irqsOff - old;
        return old;
    }

    Entry at(int i) {
        return stack[i];
    }

    /** The topmost entry for this instance taken in this mode (in any mode for {@link LockMode#ANY}), or -1. */
    int indexOf(long serial, int mode) {
        for (int i = depth - 1; i >= 0; i--) {
            Entry e = stack[i];
            if (e.serial == serial && (mode == LockMode.ANY || e.mode == mode)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Whether this instance is held in a mode {@code mode} accepts: {@link LockMode#ANY}, exclusively
     * ({@link LockMode#EXCLUSIVE}) or for reading of either kind ({@link LockMode#READ}).
     */
    boolean holds(long serial, int mode) {
        for (int i = depth - 1; i >= 0; i--) {
            Entry e = stack[i];
            if (e.serial == serial
                    && (mode == LockMode.ANY || (mode == LockMode.EXCLUSIVE) == (e.mode == LockMode.EXCLUSIVE))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The hottest path: pushes {@code lock} again if it is the lock last pushed at this depth, on the
     * same chain below, in the same mode, and that chain was validated then; so a steady loop of lock
     * operations needs no look-up at all. Never a reentry: the chain below is the one it was pushed on,
     * so if no lock of its class was below it then, none is now, and so not this lock; the held stack
     * need not be scanned.
     */
    boolean repeat(Object lock, int mode, boolean trylock, int site) {
        if (depth < stack.length) {
            Entry e = stack[depth];
            if (e.lock == lock && e.below == topChainKey() && (mode == LockMode.FROM_LOCK || mode == e.mode)
                    && e.repeatable >= (trylock ? AS_TRYLOCK : ALWAYS)
                    && (e.repeatable != SAME_PAIR || stack[depth - 1].serial == e.pairOuter && !e.pairClass.ordered())) {
                // Stores only what changed: the lock's own atomic instruction, next, waits for every
                // store before it, so the depth is the one store a steady loop makes.
                if (e.trylock != trylock) {
                    e.trylock = trylock;
                }
                if (e.refs != 1) {
                    e.refs = 1;
                }
                if (e.site != site) {
                    e.site = site;
                }
                if (depth <= contextFloor || underTriesOnly()) {
                    takenOutermost(e);
                }
                depth++;
                return true;
            }
        }
        return false;
    }

    /**
     * The topmost entry for this very object (by reference) in this mode ({@link LockMode#ANY}: any), or
     * -1: a pseudo-lock taken as one of its class's instances (a task's work item) is held under its
     * class's map object with a serial of its own.
     */
    int indexOfObject(Object lock, int mode) {
        for (int i = depth - 1; i >= 0; i--) {
            Entry e = stack[i];
            if (e.is(lock) && (mode == LockMode.ANY || e.mode == mode)) {
                return i;
            }
        }
        return -1;
    }

    /** The serial of the topmost held entry of class {@code classId}, or 0 if none is held. */
    long topSerialOf(int classId) {
        for (int i = depth - 1; i >= 0; i--) {
            if (stack[i].classId == classId) {
                return stack[i].serial;
            }
        }
        return 0;
    }

    /** The thread just made {@code object} (a monitor not bound yet) while it holds a lock. */
    void made(Object object) {
        Entry under = madeUnderTop();
        lastMade = object;
        lastMadeUnder = under.serial;
        lastMadeUnderPush = under.pushedAt;
    }

    /** The thread handed work to another thread (made one, queued a task, sent a signal). */
    void handedOver() {
        handedOverAt = pushes;
    }

    /** Whether the thread handed work to another thread since it pushed held entry {@code e}. */
    boolean handedOverSince(Entry e) {
        return handedOverAt - e.pushedAt >= 0;
    }

    /** Whether {@code lock} is the lock this thread made last, whose birth {@link #madeLately} gives. */
    boolean madeLast(Object lock) {
        return lastMade == lock;
    }

    /** Where {@code lock} was made, if it is the object this thread made last under a lock; forgotten then. */
    Birth madeLately(Object lock) {
        if (lastMade != lock) {
            return null;
        }
        lastMade = null;
        return new Birth(threadId, lastMadeUnder, lastMadeUnderPush, 0);
    }

    /**
     * The top entry, under which a lock is being made: it is never repeated, so that its lock taken again
     * is a new push, a new holding (see {@link Birth}).
     */
    Entry madeUnderTop() {
        Entry top = stack[depth - 1];
        top.repeatable = NEVER;
        return top;
    }

    /** Whether the thread holds an object of exactly this runtime class (demoted entries included). */
    boolean holdsInstanceOf(Class<?> type) {
        for (int i = depth - 1; i >= 0; i--) {
            Object held = stack[i].object();
            if (held != null && held.getClass() == type) {
                return true;
            }
        }
        return false;
    }

    /** The index of the topmost held entry of class {@code classId} for another instance than {@code serial}, or -1. */
    int indexOfOther(int classId, long serial) {
        for (int i = depth - 1; i >= 0; i--) {
            if (stack[i].classId == classId && stack[i].serial != serial) {
                return i;
            }
        }
        return -1;
    }

    /**
     * This thread's latest nesting of two instances of one class, as recorded (see {@link SameClassNesting}):
     * its repeat adds nothing to know, so the acquire fast path may take it. {@code nestedClass} is -1 for none.
     */
    private int nestedClass = -1;
    private long nestedOuter;
    private long nestedInner;

    /** The thread nested instance {@code inner} of class {@code classId} inside {@code outer}, and that is recorded. */
    void nestedPair(int classId, long outer, long inner) {
        nestedClass = classId;
        nestedOuter = outer;
        nestedInner = inner;
    }

    /**
     * The entry just pushed, of class {@code c}, repeats the latest nesting recorded: if its outer instance
     * is directly below it and is the one lock of its class below it (at any nesting subclass), its next
     * pushes at this depth may repeat it while that instance stays there. A later stack with the same
     * chain of classes below then holds no other instance of the class, so the repeat is no reentry.
     */
    void repeatAsPair(LockClass c) {
        if (depth < 2 || stack[depth - 2].serial != nestedOuter) {
            return;
        }
        for (int i = depth - 3; i >= 0; i--) {
            if (c.inFamily(stack[i].classId)) {
                return;
            }
        }
        Entry e = stack[depth - 1];
        e.repeatable = SAME_PAIR;
        e.pairOuter = nestedOuter;
        if (e.pairClass != c) {
            e.pairClass = c;
        }
    }

    /** Whether taking instance {@code inner} of class {@code classId} now repeats the latest nesting recorded. */
    boolean nestsAsBefore(int classId, long inner) {
        if (nestedClass != classId || nestedInner != inner) {
            return false;
        }
        int outer = indexOfOther(classId, inner);
        return outer >= 0 && stack[outer].serial == nestedOuter;
    }

    /**
     * Whether a held entry may be of class {@code classId}: one has that class, or one was taken at a nesting
     * subclass (of its own family, which may be this class's: then the lock taken may be held already).
     */
    boolean holdsClass(int classId) {
        for (int i = depth - 1; i >= 0; i--) {
            if (stack[i].classId == classId || stack[i].subclassed) {
                return true;
            }
        }
        return false;
    }

    /** Whether this very object is held (by reference: cheap, no look-up). */
    boolean holdsObject(Object lock) {
        for (int i = depth - 1; i >= 0; i--) {
            if (stack[i].is(lock)) {
                return true;
            }
        }
        return false;
    }

    void push(Object lock, long serial, int classId, int mode, boolean trylock, int site, long chainKey,
              boolean validated, boolean noRepeat, boolean classUnique, boolean subclassed) {
        if (depth == stack.length) {
            stack = newEntries(stack, stack.length * 2);
        }
        Entry e = stack[depth];
        if (e.lock != lock) {
            e.lock = lock;
        }
        if (e.demoted != null) {
            e.demoted = null;
        }
        e.pushedAt = ++pushes;
        e.serial = serial;
        e.classId = classId;
        e.mode = mode;
        e.trylock = trylock;
        e.refs = 1;
        e.site = site;
        e.below = topChainKey();
        e.chainKey = chainKey;
        e.repeatable = noRepeat || !classUnique ? NEVER : validated ? ALWAYS : AS_TRYLOCK;
        if (e.subclassed != subclassed) {
            e.subclassed = subclassed;
        }
        if (depth <= contextFloor || underTriesOnly()) {
            takenOutermost(e);
        }
        depth++;
    }

    /**
     * Whether every lock taken in the event context and still held is a trylock: one taken now is then
     * outermost in the context, as the signals its thread sends cannot depend on those.
     */
    private boolean underTriesOnly() {
        for (int i = depth - 1; i >= contextFloor; i--) {
            if (!stack[i].trylock) {
                return false;
            }
        }
        return true;
    }

    /**
     * A lock is taken at a depth no deeper than where the event context began (depth 0 always is): it
     * is outermost in the context, and at depth 0 outermost on the thread.
     */
    private void takenOutermost(Entry e) {
        if (depth == 0 && watched) {
            outermost++;
        }
        if (!e.trylock && e.classId != contextLast) { // a trylock waits for nothing: no signal depends on it
            noteInContext(e);
        }
    }

    /** Removes the top entry, whose first holding, if it was one, the caller ended. */
    void pop() {
        depth--;
    }

    /** Forgets every held lock (the thread is ending); a first holding among them stays unsettled on its lock. */
    void clear() {
        for (int i = 0; i < depth; i++) {
            stack[i].firstHolding = null;
        }
        depth = 0;
    }

    /** Removes entry i; the entries above it move down and their chain keys are recomputed. */
    void removeAt(int i) {
        if (i == 0 && watched) {
            outermost++; // hand over hand: the lock held longest is a new one now
        }
        Entry removed = stack[i];
        removed.firstHolding = null; // ended by the caller, or left unsettled on its lock (a leak)
        int last = --depth;
        if (i != last) {
            System.arraycopy(stack, i + 1, stack, i, last - i);
            stack[last] = removed;
            for (int j = i; j < last; j++) {
                long below = j == 0 ? EMPTY_CHAIN : stack[j - 1].chainKey;
                stack[j].below = below;
                stack[j].chainKey = ChainCache.extend(below, stack[j].classId, stack[j].mode)
                        ^ (stack[j].firstHolding != null ? FIRST_HOLDING_CHAIN : 0);
                // Its new chain is unknown; a pair's outer instance is no longer checked, so it is never repeated.
                stack[j].repeatable = stack[j].repeatable == SAME_PAIR ? NEVER : Math.min(stack[j].repeatable, AS_TRYLOCK);
            }
        }
    }

    /** The site that stood for the primitive site {@code signedId} called from {@code callId} here lately; else -1. */
    int calledSite(int signedId, int callId) {
        long[] pairs = calledPairs;
        if (pairs == null) {
            return -1;
        }
        long pair = SiteRegistry.pair(signedId, callId);
        int slot = SiteRegistry.pairSlot(pair, CALLED_BITS);
        return pairs[slot] == pair ? calledSites[slot] : -1;
    }

    void calledAt(int signedId, int callId, int site) {
        if (calledPairs == null) {
            calledPairs = new long[1 << CALLED_BITS];
            calledSites = new int[1 << CALLED_BITS];
        }
        long pair = SiteRegistry.pair(signedId, callId);
        int slot = SiteRegistry.pairSlot(pair, CALLED_BITS);
        calledPairs[slot] = pair;
        calledSites[slot] = site;
    }

    /** A new event context begins (after a wait, at a task's start): it holds nothing taken so far. */
    void newContext() {
        contextLast = -1;
        contextCount = 0;
        contextNext = 0;
        contextKey = 0;
        contextFloor = depth;
        contextNotes = 0;
        if (sections != null) {
            sections.clear();
        }
    }

    /**
     * The thread entered a critical section on {@code monitor} at {@code site} (a class that waits or
     * notifies). From here on, locks taken as deep as the section's own are noted in the context too: a
     * signal that keeps only what came after a section (see {@link #signalFrom}) must see what was taken
     * under locks held since before it.
     */
    void sectionEntered(Object monitor, int site) {
        contextFloor = Math.max(contextFloor, depth - 1);
        if (sections == null) {
            sections = new SectionRing();
        }
        sections.entered(monitor, site, contextNotes);
    }

    /**
     * Where a signal on {@code sync} sent now begins its context: the locks noted from this number on.
     * Sent inside a critical section on {@code sync} (a notify), after an earlier section on it at another
     * site in this context (the section that began what this one ends: a flush started, a latch set), it
     * depends only on what the thread took since that earlier section began: whoever waits for this signal
     * waited for the state that section set, so locks taken before it cannot be what stops the signal.
     * Otherwise 0: the whole context. {@link #NOT_HELD} if the thread does not hold {@code sync} (a
     * condition's signal: see {@link #signalFromHeld} for its lock's sections).
     */
    int signalFrom(Object sync) {
        int held = indexOfObject(sync, LockMode.ANY);
        return held < 0 ? NOT_HELD : signalFromHeld(held);
    }

    /** {@link #signalFrom} a lock the thread holds at {@code held}, by its sections. */
    int signalFromHeld(int held) {
        return sections == null ? 0 : sections.latestElsewhere(lockAt(held), stack[held].site);
    }

    /**
     * The object of held entry {@code i}, a demoted one's made strong again (its holder is using it), or
     * null if it was collected (and {@link FreedLocks} has not dropped it yet).
     */
    Object lockAt(int i) {
        Entry e = stack[i];
        Object o = e.object();
        if (e.lock == null && o != null) {
            e.lock = o;
            e.demoted = null;
        }
        return o;
    }

    /** Whether {@link FreedLocks} is due to look at the held stack (every so many pushes). */
    boolean sweepDue() {
        return pushes - nextSweep >= 0;
    }

    /** Whether context slot {@code i} was noted at or after note number {@code from}. */
    boolean notedSince(int i, int from) {
        return contextOrder[i] >= from;
    }

    /** {@link #contextKey} of the slots noted at or after {@code from}. */
    long contextKeyFrom(int from) {
        if (from == 0) {
            return contextKey;
        }
        long key = 0;
        for (int i = 0; i < contextCount; i++) {
            if (contextOrder[i] >= from) {
                key ^= mixed(contextClass[i]);
            }
        }
        return key;
    }

    private void noteInContext(Entry e) {
        int classId = e.classId;
        contextLast = classId;
        for (int i = 0; i < contextCount; i++) {
            if (contextClass[i] == classId) {
                contextOrder[i] = contextNotes++; // taken again: as recent as this
                return;
            }
        }
        int slot = contextNext;
        if (contextCount == CONTEXT) {
            contextKey ^= mixed(contextClass[slot]);
        } else {
            contextCount++;
        }
        contextClass[slot] = classId;
        contextOrder[slot] = contextNotes++;
        contextSerial[slot] = e.serial;
        contextMode[slot] = e.mode;
        contextSite[slot] = e.site;
        contextKey ^= mixed(classId);
        contextNext = (slot + 1) & (CONTEXT - 1);
    }

    private static long mixed(int classId) {
        return (classId + 1L) * 0x9E3779B97F4A7C15L;
    }

    /** Enters an annotated scope method: sets {@code bits}, saving the bits before. */
    void enterScope(int bits) {
        if (scopeDepth == savedScopes.length) {
            savedScopes = Arrays.copyOf(savedScopes, scopeDepth * 2);
        }
        savedScopes[scopeDepth++] = memalloc;
        memalloc |= bits;
    }

    /** Leaves the innermost annotated scope method: its saved bits come back. */
    void leaveScope() {
        if (scopeDepth > 0) {
            memalloc = savedScopes[--scopeDepth];
        }
    }

    /** {@code comm/pid} as the kernel prints a task; a virtual thread usually has no name. */
    String threadLabel() {
        String name = thread.getName();
        return (name.isEmpty() ? "unnamed" : name) + "/" + thread.getId();
    }

    private static Entry[] newEntries(Entry[] old, int length) {
        Entry[] entries = Arrays.copyOf(old, length);
        for (int i = old.length; i < length; i++) {
            entries[i] = new Entry();
        }
        return entries;
    }
}
