package dev.jlockdep.bench;

import java.util.concurrent.TimeUnit;
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
 * A new object of the program's own class, its monitor taken once, as a cache's nodes or a server's
 * per-request objects are: under the agent each one is bound to its lock class at its first
 * acquisition. Outermost, and inside a monitor the thread already holds (the nested one is also a
 * dependency's cached repeat). Run on 1, 2 and 4 threads, it shows whether binding scales: every
 * thread binds objects of the same class at once. Beside them a JDK object with synchronized methods,
 * which keeps its entry in the agent's weak table (no field can be added to a JDK class).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class NewMonitors {
    /** An object of the program's own class, which keeps its entry in the field the agent adds. */
    static final class Item {
        int uses;
    }

    /** The thread's own outer monitor, held around the nested one. */
    private final Object outer = new Object();

    @Benchmark
    public Item outermost() {
        Item item = new Item();
        synchronized (item) {
            item.uses++;
        }
        return item;
    }

    @Benchmark
    public Item nested() {
        Item item = new Item();
        synchronized (outer) {
            synchronized (item) {
                item.uses++;
            }
        }
        return item;
    }

    /** A new {@code StringBuffer} appended to once: its synchronized method validated at the call and entered. */
    @Benchmark
    public StringBuffer jdkStringBuffer() {
        StringBuffer buffer = new StringBuffer();
        buffer.append('x');
        return buffer;
    }
}
