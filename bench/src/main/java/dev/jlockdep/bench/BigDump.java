package dev.jlockdep.bench;

import dev.jlockdep.core.model.DependencyKind;
import dev.jlockdep.core.model.Frame;
import dev.jlockdep.core.model.GraphSnapshot;
import dev.jlockdep.report.JsonDump;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Writes the dumps the CLI is measured on: {@code deps} dependencies of {@link GraphScale}'s layered
 * shape among {@code deps / 10} classes, split over {@code count} dumps as the forked JVMs of a build
 * would write them, with stacks of 32 frames taken at 100,000 distinct places (paths through 50,000
 * distinct call sites). The last dump also
 * holds one dependency that closes a cycle through dependencies of the others, which only the merged
 * graph shows: {@code check} must find exactly that one.
 *
 * <p>Usage: {@code java -cp bench/target/benchmarks.jar dev.jlockdep.bench.BigDump DEPS COUNT DIR}
 */
public final class BigDump {
    private static final int PLACES = 100_000;
    private static final int DEPTH = 32;
    private static final int FRAMES = 50_000;

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: BigDump DEPENDENCIES DUMPS DIRECTORY");
            System.exit(2);
        }
        int deps = Integer.parseInt(args[0]);
        int count = Integer.parseInt(args[1]);
        Path dir = Path.of(args[2]);
        int classes = deps / 10;
        Random random = new Random(7);
        long[] pairs = GraphScale.layeredPairs(classes, deps, random);
        List<GraphSnapshot.ClassInfo> classInfo = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            String name = "com.example.tier" + c / 100 + ".Subsystem.lock" + c % 100;
            classInfo.add(new GraphSnapshot.ClassInfo(c + 1, "field:" + name, name, 0, 1, name, "{+.+.}", 3));
        }
        List<Frame> code = new ArrayList<>(); // the program's call sites: stacks are paths through them
        for (int f = 0; f < FRAMES; f++) {
            code.add(new Frame("com.example.tier" + f % 1000 + ".Service" + f / 1000, "call" + f % 97,
                    "Service" + f / 1000 + ".java", 10 + f % 2000));
        }
        List<List<Frame>> places = new ArrayList<>();
        for (int p = 0; p < Math.min(PLACES, deps); p++) {
            List<Frame> stack = new ArrayList<>();
            for (int f = 0; f < DEPTH; f++) {
                stack.add(code.get(random.nextInt(FRAMES)));
            }
            places.add(List.copyOf(stack));
        }
        int perDump = (deps + count - 1) / count;
        for (int d = 0; d < count; d++) {
            List<GraphSnapshot.DependencyInfo> infos = new ArrayList<>();
            for (int i = d * perDump; i < Math.min(deps, (d + 1) * perDump); i++) {
                infos.add(dependency((int) (pairs[i] >>> 32), (int) pairs[i], places.get(i % places.size())));
            }
            if (d == count - 1) { // closes a cycle with the first dependency, which another dump holds
                infos.add(dependency((int) pairs[0], (int) (pairs[0] >>> 32), places.get(0)));
            }
            Path file = dir.resolve("dump-" + d + ".json");
            JsonDump.write(new GraphSnapshot("bench", "0", classInfo, infos, List.of(), Map.of(), Map.of(), Map.of(), deps, 0, 0, classes, 8, 0, true), file);
            System.out.println(file + ": " + infos.size() + " dependencies");
        }
    }

    private static GraphSnapshot.DependencyInfo dependency(int from, int to, List<Frame> stack) {
        return new GraphSnapshot.DependencyInfo(from + 1, to + 1, DependencyKind.EN, stack, "worker-" + from % 16,
                new long[] {from, to});
    }
}
