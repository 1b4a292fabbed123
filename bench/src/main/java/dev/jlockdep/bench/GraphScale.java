package dev.jlockdep.bench;

import dev.jlockdep.core.Limits;
import dev.jlockdep.core.LockMode;
import dev.jlockdep.core.LockObjects;
import dev.jlockdep.core.SiteRegistry;
import dev.jlockdep.core.Validator;
import dev.jlockdep.core.WaitType;
import dev.jlockdep.core.model.Report;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The core at scale: a graph of {@code deps} dependencies among {@code deps / 10} lock classes, built
 * one new dependency at a time through the validator (each with its stack and its cycle search), then
 * ten chain look-ups per dependency replayed on known chains. Classes are named in random order and
 * the dependencies arrive in random order. Two shapes:
 * <ul>
 * <li>{@code layered}, as programs are: subsystems of 100 classes, each nesting its own classes in a
 * fixed order (a class nests up to 16 ranks below it) and, for one dependency in five, classes of the
 * three subsystems it calls, which sit in the next of four tiers. What a class reaches is bounded by
 * the program's structure, not its size.</li>
 * <li>{@code deep}, the worst case: one order of all classes, each nesting classes up to 64 ranks
 * below it, so that nearly every class reaches every class ranked after it (a nesting thousands of
 * locks deep, which no program has).</li>
 * </ul>
 *
 * <p>Usage: {@code java -cp bench/target/benchmarks.jar dev.jlockdep.bench.GraphScale layered|deep
 * [deps...]}. Prints one Markdown row per size: time per new dependency, per chain look-up, and
 * retained bytes per dependency (heap after a full GC with the validator and its lock objects alive,
 * minus before). With {@code -DmaxDependencies=N} below the size, the validator turns itself off at
 * N dependencies, and the heap it keeps is that of N.
 */
public final class GraphScale {
    private static final int LOOKUPS_PER_DEP = 10;
    /** {@code -DmaxDependencies=N} shows the heap a limit keeps: the validator stops there. */
    private static final int MAX_DEPENDENCIES = Integer.getInteger("maxDependencies", Limits.DEFAULT.dependencies());
    private static final int SUBSYSTEM = 100;
    private static final int TIERS = 4;
    private static final int CALLEES = 3;

    public static void main(String[] args) {
        boolean deep = args.length > 0 && args[0].equals("deep");
        if (args.length == 0 || !deep && !args[0].equals("layered")) {
            System.err.println("usage: GraphScale layered|deep [dependencies...]");
            System.exit(2);
        }
        int[] sizes = args.length == 1 ? new int[] {10_000, 100_000, 1_000_000}
                : java.util.Arrays.stream(args, 1, args.length).mapToInt(Integer::parseInt).toArray();
        run(deep, 4_000); // warm-up: compiles the paths measured below
        System.out.println("| shape | dependencies | classes | build (s) | per new dependency (µs) | chain look-ups "
                + "| per look-up (ns) | retained (MB) | bytes per dependency |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        for (int deps : sizes) {
            Row r = run(deep, deps);
            System.out.printf("| %s | %,d | %,d | %.2f | %.2f | %,d | %.1f | %.0f | %.0f |%n", args[0], r.deps,
                    r.classes, r.buildNanos / 1e9, r.buildNanos / 1e3 / r.deps, r.lookups,
                    (double) r.lookupNanos / r.lookups, r.bytes / 1e6, (double) r.bytes / r.deps);
        }
    }

    private record Row(int deps, int classes, long buildNanos, long lookups, long lookupNanos, long bytes) {
    }

    private static Row run(boolean deep, int deps) {
        int classes = Math.max(deps / 10, TIERS * SUBSYSTEM);
        Random random = new Random(42);
        long before = usedAfterGc();
        Limits limits = new Limits(Limits.DEFAULT.classes(), MAX_DEPENDENCIES, Limits.DEFAULT.chains(),
                Limits.DEFAULT.stackFrames());
        Validator v = new Validator(new Validator.Config(false, 32, "scale", "0", false, limits, true, true), new SiteRegistry(),
                LockObjects.MONITORS, r -> { });
        // lock[rank]: named in a random order of ranks, so class ids say nothing of the order.
        Object[] lock = new Object[classes];
        for (int rank : shuffled(classes, random)) {
            lock[rank] = new Object();
            v.name(lock[rank], "c" + rank, "c" + rank, WaitType.SLEEP);
        }
        long[] pairs = deep ? deepPairs(classes, deps, random) : layeredPairs(classes, deps, random);
        long start = System.nanoTime();
        for (long pair : pairs) {
            nestedPair(v, lock[(int) (pair >>> 32)], lock[(int) pair]);
        }
        long build = System.nanoTime() - start;
        long lookups = (long) deps * LOOKUPS_PER_DEP;
        start = System.nanoTime();
        for (long i = 0; i < lookups / 2; i++) {
            long pair = pairs[random.nextInt(deps)];
            nestedPair(v, lock[(int) (pair >>> 32)], lock[(int) pair]);
        }
        long lookup = System.nanoTime() - start;
        pairs = null;
        long bytes = usedAfterGc() - before;
        // A cycle-free graph: no report, or only the limit's when the graph outgrew it.
        List<String> problems = v.reportsSince(0).stream().map(Report::problemKey).toList();
        if (!problems.equals(deps > MAX_DEPENDENCIES ? List.of("limit:maxDependencies") : List.of())) {
            throw new IllegalStateException("unexpected reports: " + problems);
        }
        java.lang.ref.Reference.reachabilityFence(lock);
        return new Row(deps, classes, build, lookups, lookup, bytes);
    }

    /** Distinct (from rank, to rank) pairs, packed in longs, in random order. */
    private static long[] deepPairs(int classes, int deps, Random random) {
        int window = 64;
        Set<Long> seen = new HashSet<>();
        long[] pairs = new long[deps];
        for (int i = 0; i < deps; ) {
            int from = random.nextInt(classes - window);
            long pair = (long) from << 32 | (from + 1 + random.nextInt(window));
            if (seen.add(pair)) {
                pairs[i++] = pair;
            }
        }
        return pairs;
    }

    /** Distinct pairs of the layered shape (see the class comment), packed in longs, in random order. */
    static long[] layeredPairs(int classes, int deps, Random random) {
        int subsystems = classes / SUBSYSTEM;
        int perTier = subsystems / TIERS;
        int[][] callees = new int[subsystems][CALLEES];
        for (int s = 0; s < subsystems; s++) {
            int tier = s / perTier;
            for (int k = 0; k < CALLEES && tier < TIERS - 1; k++) {
                callees[s][k] = (tier + 1) * perTier + random.nextInt(perTier);
            }
        }
        Set<Long> seen = new HashSet<>();
        long[] pairs = new long[deps];
        for (int i = 0; i < deps; ) {
            int from = random.nextInt(subsystems * SUBSYSTEM);
            int s = from / SUBSYSTEM;
            int local = from % SUBSYSTEM;
            boolean lastTier = s / perTier >= TIERS - 1;
            int to;
            if (local < SUBSYSTEM - 1 && (lastTier || random.nextInt(5) != 0)) {
                to = from + 1 + random.nextInt(Math.min(16, SUBSYSTEM - 1 - local));
            } else if (!lastTier) {
                to = callees[s][random.nextInt(CALLEES)] * SUBSYSTEM + random.nextInt(SUBSYSTEM);
            } else {
                continue;
            }
            if (seen.add((long) from << 32 | to)) {
                pairs[i++] = (long) from << 32 | to;
            }
        }
        return pairs;
    }

    /** Two acquisitions, two chain look-ups. */
    private static void nestedPair(Validator v, Object a, Object b) {
        v.acquire(a, 0, LockMode.EXCLUSIVE, 0, false);
        v.acquire(b, 0, LockMode.EXCLUSIVE, 0, false);
        v.release(b, 0, LockMode.EXCLUSIVE);
        v.release(a, 0, LockMode.EXCLUSIVE);
    }

    private static int[] shuffled(int n, Random random) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }

    private static long usedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
