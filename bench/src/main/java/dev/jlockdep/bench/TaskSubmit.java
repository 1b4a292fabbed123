package dev.jlockdep.bench;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A task's round trip: submit a trivial task to a one-thread pool and wait for it, as a plain
 * {@code Future} and as a {@code CompletableFuture} on that pool. Under the agent the task is named,
 * held as a work item while it runs, and the wait touches it (see WorkqueueModel).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TaskSubmit {
    private ExecutorService pool;
    private int counter;

    /** A named task class: its work item is classed by it. */
    final class Increment implements Callable<Integer> {
        @Override
        public Integer call() {
            return ++counter;
        }
    }

    @Setup(Level.Trial)
    public void start() {
        pool = Executors.newSingleThreadExecutor();
    }

    @TearDown(Level.Trial)
    public void stop() {
        pool.shutdown();
    }

    @Benchmark
    public Integer submitAndGet() throws InterruptedException, ExecutionException {
        return pool.submit(new Increment()).get();
    }

    @Benchmark
    public Integer supplyAsyncAndJoin() {
        return CompletableFuture.supplyAsync(() -> ++counter, pool).join();
    }
}
