package dev.jlockdep.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The ways to record the current thread's stack, {@link #depth} frames below the benchmark's, keeping the
 * innermost 32 as the agent does by default: a StackWalker's walk that makes them (how the agent recorded
 * stacks before), a Throwable's record made into frames at once (which makes every frame), and the record
 * alone (made into frames only when a report shows it).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class StackCapture {
    @Param({"60", "300"})
    public int depth;

    private static final int KEPT = 32;
    private static final StackWalker WALKER = StackWalker.getInstance();

    record Frame(String className, String methodName, String fileName, int line) {
    }

    @Benchmark
    public Object stackWalker() {
        return below(depth, 0);
    }

    @Benchmark
    public Object throwableMadeIntoFrames() {
        return below(depth, 1);
    }

    @Benchmark
    public Object throwableRecordOnly() {
        return below(depth, 2);
    }

    private static Object below(int frames, int way) {
        return frames > 0 ? below(frames - 1, way) : record(way);
    }

    private static Object record(int way) {
        if (way == 0) {
            return WALKER.walk(s -> s.limit(KEPT).map(f -> new Frame(f.getClassName(), f.getMethodName(),
                    f.getFileName(), f.getLineNumber())).toList());
        }
        Throwable recorded = new Throwable();
        if (way == 2) {
            return recorded;
        }
        List<Frame> frames = new ArrayList<>();
        for (StackTraceElement f : recorded.getStackTrace()) {
            if (frames.size() == KEPT) {
                break;
            }
            frames.add(new Frame(f.getClassName(), f.getMethodName(), f.getFileName(), f.getLineNumber()));
        }
        return frames;
    }
}
