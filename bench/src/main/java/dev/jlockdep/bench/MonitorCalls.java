package dev.jlockdep.bench;

import dev.jlockdep.api.Lockdep;
import java.util.Vector;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
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
 * Monitors taken by methods rather than blocks, each inside a {@code synchronized} block (so that
 * something is held and the order is checked): an application class's synchronized method (reshaped
 * into a block when the agent loads it), and the JDK's {@code StringBuffer} and {@code Vector}, whose
 * synchronized methods are validated at the call, then recorded as they start. bench/monitors.sh runs
 * it without the agent and with each agent jar it is given.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MonitorCalls {
    /** Locks already held around the block. */
    @Param({"0", "4"})
    public int held;

    /** A class of the benchmark's own without one: its constructor tells the agent nothing. */
    static final class Plain {
        private int count;

        int next() {
            return ++count;
        }
    }

    /** A class of the benchmark's own with a synchronized method. */
    static final class Counter {
        private int count;

        synchronized int next() {
            return ++count;
        }
    }

    private final Object guard = new Object();
    private final Counter counter = new Counter();
    private final StringBuffer buffer = new StringBuffer();
    private final Vector<Integer> vector = new Vector<>();
    private HeldBefore outer;

    @Setup(Level.Trial)
    public void makeLocks() {
        vector.add(0);
        outer = new HeldBefore(held, i -> Lockdep.setClass(new ReentrantLock(), "MonitorCalls.held" + i));
    }

    @Setup(Level.Iteration)
    public void takeHeld() {
        outer.takeAll();
    }

    @TearDown(Level.Iteration)
    public void releaseHeld() {
        outer.releaseAll();
    }

    /**
     * A new object of a class with synchronized methods, inside the block: its constructor tells the agent
     * (an object made under another of its class is that one's child), which looks through the held locks.
     */
    @Benchmark
    public Counter construct() {
        synchronized (guard) {
            return new Counter();
        }
    }

    /** {@link #construct}'s twin, of a class without synchronized methods: what the block alone costs. */
    @Benchmark
    public Plain constructPlain() {
        synchronized (guard) {
            return new Plain();
        }
    }

    @Benchmark
    public int synchronizedMethod() {
        synchronized (guard) {
            return counter.next();
        }
    }

    @Benchmark
    public int stringBuffer() {
        synchronized (guard) {
            buffer.setLength(0);
            buffer.append('x');
            return buffer.length();
        }
    }

    @Benchmark
    public int vector() {
        synchronized (guard) {
            vector.set(0, held);
            return vector.get(0);
        }
    }
}
