package dev.jlockdep.bench;

import dev.jlockdep.api.Lockdep;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The nested pair: lock A, lock B, unlock B, unlock A, with locks of the thread's own (no contention),
 * inside {@link #held} locks the thread already holds. Under the agent every iteration after the first
 * is the cached path: the held-lock chain is known. bench/run.sh runs it without and with
 * {@code -javaagent}, on 1 and 2 threads; {@link GuavaNestedPair} is the same pair with Guava's checker.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class NestedPair {
    /** Locks already held around the pair: a checker whose cost grows with them shows it. */
    @Param({"0", "4", "16"})
    public int held;

    private ReentrantLock lockA;
    private ReentrantLock lockB;
    private final Object monitorA = new Object();
    private final Object monitorB = new Object();
    /** Two monitors of one class, nested one way: a recursive report the first time, then repeats of that pair. */
    private final Node parent = new Node();
    private final Node child = new Node();
    private ReentrantReadWriteLock rwA;
    private ReentrantReadWriteLock rwB;
    private HeldBefore outer;
    private int counter;

    /** A lock of its own class, named (the agent would otherwise class locks by where they are made). */
    protected ReentrantLock newLock(String name) {
        return Lockdep.setClass(new ReentrantLock(), "NestedPair." + name);
    }

    protected ReentrantReadWriteLock newReadWriteLock(String name) {
        return Lockdep.setClass(new ReentrantReadWriteLock(), "NestedPair." + name);
    }

    @Setup(Level.Trial)
    public void makeLocks() {
        lockA = newLock("lockA");
        lockB = newLock("lockB");
        rwA = newReadWriteLock("rwA");
        rwB = newReadWriteLock("rwB");
        outer = new HeldBefore(held, i -> newLock("held" + i));
    }

    /** Run by the benchmark's own thread (a thread-scoped state), so its locks are that thread's. */
    @Setup(Level.Iteration)
    public void takeHeld() {
        outer.takeAll();
    }

    @TearDown(Level.Iteration)
    public void releaseHeld() {
        outer.releaseAll();
    }

    @Benchmark
    public int reentrantLock() {
        lockA.lock();
        try {
            lockB.lock();
            try {
                return ++counter;
            } finally {
                lockB.unlock();
            }
        } finally {
            lockA.unlock();
        }
    }

    @Benchmark
    public int synchronizedBlocks() {
        synchronized (monitorA) {
            synchronized (monitorB) {
                return ++counter;
            }
        }
    }

    /**
     * Two instances of one class nested, always the same pair one way: the agent reports the first
     * nesting (possible recursive locking) and records the pair; every later one is a repeat of both.
     */
    @Benchmark
    public int sameClassNesting() {
        synchronized (parent) {
            synchronized (child) {
                return ++counter;
            }
        }
    }

    /** A class of the benchmark's own, so that its monitors are named by their type, one class for both. */
    static final class Node {
    }

    @Benchmark
    public int readWriteLock() {
        rwA.readLock().lock();
        try {
            rwB.writeLock().lock();
            try {
                return ++counter;
            } finally {
                rwB.writeLock().unlock();
            }
        } finally {
            rwA.readLock().unlock();
        }
    }
}
