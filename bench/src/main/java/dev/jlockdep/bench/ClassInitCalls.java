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
 * Uses of a class that had a static initializer, once it is initialized: a static call and a static
 * field read. With the agent each is preceded by the class-use hook, which the bridge skips while no
 * initializer runs: what that costs a program once its classes are initialized.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ClassInitCalls {
    /** A class with a static initializer. */
    static final class Registry {
        static final int[] VALUES;

        static {
            VALUES = new int[] {3, 5};
        }

        static int get(int i) {
            return VALUES[i];
        }
    }

    private int i;

    @Benchmark
    public int staticCall() {
        i ^= 1;
        return Registry.get(i);
    }

    @Benchmark
    public int staticField() {
        i ^= 1;
        return Registry.VALUES[i];
    }
}
