package dev.jlockdep.bench;

import dev.jlockdep.core.LockObjects;
import dev.jlockdep.core.SiteRegistry;
import dev.jlockdep.core.Validator;
import dev.jlockdep.core.WaitType;
import dev.jlockdep.core.model.GraphSnapshot;
import dev.jlockdep.report.JsonDump;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What one periodic dump ({@code dumpEvery}) or one {@code jlockdep dump PID} costs a running JVM: the
 * snapshot, taken under the graph lock (new dependencies wait meanwhile; the cached path does not), and
 * the write, on the agent's thread. The validator learns {@code classes} lock classes, each nested with
 * the next ten (about ten dependencies a class), then the dump is taken five times.
 *
 * <p>Usage: {@code java -cp bench/target/benchmarks.jar dev.jlockdep.bench.DumpCost CLASSES FILE}
 */
public final class DumpCost {
    private DumpCost() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: DumpCost CLASSES FILE");
            System.exit(2);
        }
        int classes = Integer.parseInt(args[0]);
        Path file = Path.of(args[1]);
        Validator v = new Validator(new Validator.Config(false, 8, "bench", "0", false), new SiteRegistry(),
                LockObjects.MONITORS, r -> { });
        Object[] locks = new Object[classes];
        for (int i = 0; i < classes; i++) {
            locks[i] = new Object();
            v.name(locks[i], "key:" + i, "L" + i, WaitType.SLEEP);
        }
        for (int i = 0; i < classes; i++) {
            for (int k = 1; k <= 10 && i + k < classes; k++) {
                v.acquire(locks[i], 0, 0, 0, false);
                v.acquire(locks[i + k], 0, 0, 0, false);
                v.release(locks[i + k], 0, 0);
                v.release(locks[i], 0, 0);
            }
        }
        for (int round = 0; round < 5; round++) {
            long start = System.nanoTime();
            GraphSnapshot snapshot = v.snapshot();
            long copied = System.nanoTime();
            JsonDump.write(snapshot, file);
            long written = System.nanoTime();
            System.out.printf("%d dependencies: snapshot %.1f ms (under the graph lock), write %.1f ms, %d KB%n",
                    snapshot.dependencies().size(), (copied - start) / 1e6, (written - copied) / 1e6,
                    Files.size(file) / 1024);
        }
    }
}
