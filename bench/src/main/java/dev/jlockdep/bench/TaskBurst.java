package dev.jlockdep.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
 * Many submitters at once: each benchmark thread submits a burst of trivial tasks to one shared pool
 * of two workers and then waits for all of them. Under the agent every task becomes a work item (named,
 * queued, held while it runs, touched by the wait), so this is where a global monitor in the agent
 * would show. Run with {@code -t 4}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TaskBurst {
    @Param("100")
    public int burst;

    private ExecutorService pool;
    private final AtomicInteger counter = new AtomicInteger();

    /** A named task class: its work item is classed by it. */
    final class Increment implements Callable<Integer> {
        @Override
        public Integer call() {
            return counter.incrementAndGet();
        }
    }

    @Setup(Level.Trial)
    public void start() {
        pool = Executors.newFixedThreadPool(2);
    }

    @TearDown(Level.Trial)
    public void stop() {
        pool.shutdown();
    }

    @Benchmark
    public int submitBurstAndWait() throws InterruptedException, ExecutionException {
        List<Future<Integer>> futures = new ArrayList<>(burst);
        for (int i = 0; i < burst; i++) {
            futures.add(pool.submit(new Increment()));
        }
        int last = 0;
        for (Future<Integer> f : futures) {
            last = f.get();
        }
        return last;
    }
}
