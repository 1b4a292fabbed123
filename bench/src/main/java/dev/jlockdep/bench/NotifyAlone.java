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
 * A {@code notify()} with nobody waiting, inside its monitor: a producer's signal as most of them go.
 * What the agent adds to it: the wake-one check, and with {@code watchdog=N} the wake-up bookkeeping
 * (the event's last signaller, a lost signal remembered). A class of its own, as a class that notifies
 * has its monitors entered as critical sections, which would change the other benchmarks' figures.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class NotifyAlone {
    private final Object box = new Object();

    @Benchmark
    public void notifyNobody() {
        synchronized (box) {
            box.notify();
        }
    }
}
