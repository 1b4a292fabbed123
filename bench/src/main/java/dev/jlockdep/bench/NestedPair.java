package dev.jlockdep.bench;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The nested pair: lock A, lock B, unlock B, unlock A, with locks of the thread's own (no contention).
 * Under the agent every iteration after the first is the cached path: the held-lock chain is known.
 * bench/run.sh runs it without and with {@code -javaagent}, on 1 and 2 threads.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class NestedPair {
    private final ReentrantLock lockA = new ReentrantLock();
    private final ReentrantLock lockB = new ReentrantLock();
    private final Object monitorA = new Object();
    private final Object monitorB = new Object();
    private final ReentrantReadWriteLock rwA = new ReentrantReadWriteLock();
    private final ReentrantReadWriteLock rwB = new ReentrantReadWriteLock();
    private int counter;

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
