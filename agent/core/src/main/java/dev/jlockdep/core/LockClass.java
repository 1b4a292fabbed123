package dev.jlockdep.core;

import dev.jlockdep.core.model.Frame;
import dev.jlockdep.core.model.ProblemKey;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Comparator;
import java.util.List;

/**
 * A node of the dependency graph: every lock instance with the same key (and nesting subclass) belongs
 * to one class, so an order seen on one pair of instances holds for all of them, as in the kernel.
 */
public final class LockClass {
    /** Taken for writing (or for reading) with interrupts enabled: lockdep's ENABLED usage bits. */
    static final int ENABLED_WRITE = 1;
    static final int ENABLED_READ = 2;

    private static final VarHandle INSTANCES;

    static {
        try {
            INSTANCES = MethodHandles.lookup().findVarHandle(LockClass.class, "instances", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final int id;
    private final String key;
    private final String name;
    private final int subclass;
    private final int nameVersion;
    private final WaitType waitType;
    /** All subclasses of this class's key, indexed by subclass; shared by the family, filled lazily. */
    private final LockClass[] family;
    /** For a work item's class, where its first task was queued; written once, under the graph lock. */
    private volatile List<Frame> queued = List.of();
    /** For an event, while the watchdog runs: the thread that signalled it last, or null. */
    volatile HeldLocks lastSignaller;
    /** How the class has been taken so far (ENABLED_* bits); written under the graph lock. */
    private volatile int usage;
    /** The first thread that took an instance of the class, and whether another one did too. */
    private volatile long firstThread;
    private volatile boolean manyThreads;
    /** Whether some instance of the class was taken by two threads (see {@link Binding#taken}). */
    private volatile boolean sharedInstance;
    /**
     * How many instances were bound to the class, counted up to 2 and no further (binding may run on many
     * threads at once, without a lock): whether the class is a singleton is what is asked.
     */
    private volatile int instances;
    /** Its instances nested in one another, once they were (created under the graph lock). */
    private volatile SameClassNesting nesting;
    /** The order declared for its instances' nesting (lockdep_set_lock_cmp_fn), or null. */
    private volatile Comparator<Object> order;
    /** Its instances nest parent (the one a child was made under) outside child. */
    private volatile boolean parentFirst;

    LockClass(int id, String key, String name, int subclass, int nameVersion, WaitType waitType,
              LockClass[] family) {
        this.family = family;
        this.id = id;
        this.key = key;
        this.name = name;
        this.subclass = subclass;
        this.nameVersion = nameVersion;
        this.waitType = waitType;
    }

    public int id() {
        return id;
    }

    /** Stable identity across runs and machines: what dumps are merged and baselines are keyed on. */
    public String key() {
        return key;
    }

    public String name() {
        return name;
    }

    public int subclass() {
        return subclass;
    }

    /** The class as problem keys name a member of a cycle: its key and subclass. */
    String member() {
        return ProblemKey.member(key, subclass);
    }

    public int nameVersion() {
        return nameVersion;
    }

    public WaitType waitType() {
        return waitType;
    }

    /**
     * Whether class {@code classId} is this class at some nesting subclass (the same key), or this class
     * itself. Lock-free: a subclass a thread holds was registered before that thread took it.
     */
    boolean inFamily(int classId) {
        for (LockClass k : family) {
            if (k != null && k.id == classId) {
                return true;
            }
        }
        return false;
    }

    /** The class of the same key at another nesting subclass, or null if not registered yet. */
    LockClass sibling(int sub) {
        return sub >= 0 && sub < family.length ? family[sub] : null;
    }

    /** The name as lockdep's {@code __print_lock_name} prints it: {@code name#version/subclass}. */
    public String bareName() {
        StringBuilder sb = new StringBuilder(name);
        if (nameVersion > 1) {
            sb.append('#').append(nameVersion);
        }
        if (subclass != 0) {
            sb.append('/').append(subclass);
        }
        return sb.toString();
    }

    /**
     * lockdep's four usage characters (hardirq write, read; softirq write, read). Java threads run "with
     * interrupts enabled" unless a kernel model says otherwise, so a class taken for writing shows
     * {@code +.+.}, one also taken for reading {@code ++++}, and one only ever taken with interrupts
     * disabled {@code ....}.
     */
    public String usageChars() {
        int u = usage;
        char w = (u & ENABLED_WRITE) != 0 ? '+' : '.';
        char r = (u & ENABLED_READ) != 0 ? '+' : '.';
        return new String(new char[] {w, r, w, r});
    }

    /** {@code (name){usage}-{outer:inner}}, the decorated name of every lock line. */
    public String decoratedName() {
        return "(" + bareName() + "){" + usageChars() + "}-{" + waitType.level + ":" + waitType.level + "}";
    }

    public List<Frame> queued() {
        return queued;
    }

    /** Records where the first task of a work item's class was queued (under the graph lock). */
    void markQueued(List<Frame> stack) {
        if (queued.isEmpty()) {
            queued = stack;
        }
    }

    /** Whether {@link #markUsed} would add nothing. */
    boolean hasUsage(int mode, boolean irqsEnabled) {
        return !irqsEnabled || (usage & (mode == LockMode.EXCLUSIVE ? ENABLED_WRITE : ENABLED_READ)) != 0;
    }

    /** Records that the class was taken in this mode (under the graph lock). */
    void markUsed(int mode, boolean irqsEnabled) {
        if (irqsEnabled) {
            usage |= mode == LockMode.EXCLUSIVE ? ENABLED_WRITE : ENABLED_READ;
        }
    }

    /** A thread takes an instance of this class (for the first time, that instance). */
    void takenBy(long threadId) {
        if (manyThreads) {
            return;
        }
        long first = firstThread;
        if (first == 0) {
            firstThread = threadId; // a race of two first threads is settled by the next take
        } else if (first != threadId) {
            manyThreads = true;
        }
    }

    /** Whether instances of this class were taken by more than one thread. */
    boolean takenByManyThreads() {
        return manyThreads;
    }

    /** An instance was taken by a second thread; written once, not by every instance that is (a line binders share). */
    void instanceShared() {
        if (!sharedInstance) {
            sharedInstance = true;
        }
    }

    /** Whether every instance taken was taken by one thread only (each its own). */
    boolean instancesConfined() {
        return !sharedInstance;
    }

    /** One more instance was bound to the class; past the second, nothing is written (no line shared by binders). */
    void instanceBound() {
        if (instances < 2) {
            INSTANCES.getAndAdd(this, 1);
        }
    }

    /** Whether exactly one instance was bound to the class: a singleton, the same lock wherever held. */
    boolean singleInstance() {
        return instances == 1;
    }

    /**
     * Whether an instance of this class taken inside another one must go the slow way, where the pair is
     * recorded: until the record is full.
     */
    boolean followsNesting() {
        SameClassNesting n = nesting;
        return n == null || n.open() || ordered();
    }

    /** Whether an order of its instances was declared (a comparator, or parent first): each nesting is checked against it. */
    boolean ordered() {
        return order != null || parentFirst;
    }

    /** Declares that its instances nest parent outside child (see {@link ChainValidator}'s declared order). */
    void declareParentFirst() {
        parentFirst = true;
    }

    boolean parentFirst() {
        return parentFirst;
    }

    /** Declares the order its instances nest in: {@code order.compare(outer, inner) < 0} is in order. */
    void declareOrder(Comparator<Object> order) {
        this.order = order;
    }

    /**
     * What the declared order says of taking {@code inner} inside {@code outer}: its comparison, or null
     * with no order declared, or if the comparison failed (it is the program's code).
     */
    Integer compare(Object outer, Object inner) {
        Comparator<Object> o = order;
        if (o == null) {
            return null;
        }
        try {
            return o.compare(outer, inner);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The record of this class's instances nested in one another; null if none were. */
    SameClassNesting nesting() {
        return nesting;
    }

    /** The nesting record, made on first need (under the graph lock). */
    SameClassNesting nestingRecord() {
        if (nesting == null) {
            nesting = new SameClassNesting();
        }
        return nesting;
    }

    @Override
    public String toString() {
        return bareName();
    }
}
