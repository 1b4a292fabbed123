package dev.jlockdep.bench;

import dev.jlockdep.core.LockMode;
import dev.jlockdep.core.LockObjects;
import dev.jlockdep.core.SiteRegistry;
import dev.jlockdep.core.Validator;
import dev.jlockdep.core.WaitType;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The validator's cached path on its own, without instrumentation: acquire A, acquire B, release B,
 * release A on a chain validated in setup, inside {@link #held} locks taken in setup. What the agent
 * adds to a nested pair beyond this is the hooks' own cost.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CoreFastPath {
    /** Locks already held around the pair. */
    @Param({"0", "16"})
    public int held;

    private Validator validator;
    private final Object a = new Object();
    private final Object b = new Object();

    @Setup(Level.Trial)
    public void setUp() {
        validator = new Validator(new Validator.Config(false, 16, "bench", "0", false), new SiteRegistry(),
                LockObjects.MONITORS, r -> { });
        validator.name(a, "A", "A", WaitType.SLEEP); // two classes, as the agent gives two fields
        validator.name(b, "B", "B", WaitType.SLEEP);
        for (int i = 0; i < held; i++) {
            Object outer = new Object();
            validator.name(outer, "held" + i, "held" + i, WaitType.SLEEP);
            validator.acquire(outer, 0, LockMode.EXCLUSIVE, 0, false);
        }
        nestedPair();
    }

    @Benchmark
    public void nestedPair() {
        Validator v = validator;
        v.acquire(a, 0, LockMode.EXCLUSIVE, 0, false);
        v.acquire(b, 0, LockMode.EXCLUSIVE, 0, false);
        v.release(b, 0, LockMode.EXCLUSIVE);
        v.release(a, 0, LockMode.EXCLUSIVE);
    }
}
