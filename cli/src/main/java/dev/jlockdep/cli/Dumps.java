package dev.jlockdep.cli;

import dev.jlockdep.core.MergedGraph;
import dev.jlockdep.core.Suppressions;
import dev.jlockdep.core.model.ProblemKey;
import dev.jlockdep.core.model.ReportKind;
import dev.jlockdep.core.model.Triage;
import dev.jlockdep.report.DumpReader;
import dev.jlockdep.report.LoadedDump;
import dev.jlockdep.report.ProblemSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Dumps from many JVMs read together: each distinct problem once, with the dumps it was seen in; and
 * the cycles of their merged dependency graphs that no single JVM saw.
 */
final class Dumps {
    /**
     * A problem: what the dumps reported, or a cycle found only in the merged graph ({@code merged}).
     *
     * @param key     the problem key, stable across runs (baselines hold these)
     * @param summary one line: the kind and the chain of class names
     * @param text    the report as text (the agent's splat, or the merged cycle's description)
     * @param suppressed the suppression rule that matched it ({@code FILE:LINE: RULE}), or null
     */
    record Problem(ReportKind kind, String key, String summary, String text, boolean confirmed, boolean merged,
                   List<Path> seenIn, List<List<String>> dependencies, List<LoadedDump.DumpLocation> locations,
                   Triage triage, String suppressed) {
        boolean isDeadlock() {
            return kind.isDeadlock();
        }

        /** A possible deadlock that no triage takes out of the gate, and no rule suppresses. */
        boolean isCredibleDeadlock() {
            return isDeadlock() && triage.credible() && suppressed == null;
        }

        /** The same problem, seen in one more dump: credible if any dump found it so. */
        Problem seenAlso(Path dump, Triage there) {
            seenIn.add(dump);
            return triage.credible() || !there.credible() ? this : new Problem(kind, key, summary, text, confirmed,
                    merged, seenIn, dependencies, locations, there, suppressed);
        }
    }

    final List<LoadedDump> dumps;
    /** Each problem by its key; the cycles of one tangle of classes are one problem (see {@link Tangles}). */
    final Map<String, Problem> problems;
    /** The test each problem was first seen in, by its key, where the dumps say (a test framework told the agent). */
    final Map<String, String> firstSeenIn = new HashMap<>();

    private Dumps(List<LoadedDump> dumps, Progress progress, Suppressions rules) {
        this.dumps = dumps;
        Map<String, Problem> found = new LinkedHashMap<>();
        for (LoadedDump d : dumps) {
            Map<String, String> names = new HashMap<>();
            d.classes().forEach(c -> names.put(c.key(), c.bareName()));
            for (LoadedDump.DumpReport r : d.reports()) {
                if (r.test() != null) {
                    firstSeenIn.putIfAbsent(r.problem(), r.test());
                }
                Problem known = found.get(r.problem());
                found.put(r.problem(), known != null ? known.seenAlso(d.file(), r.triage())
                        : new Problem(r.kind(), r.problem(), summary(names, r), r.text(), r.confirmed(), false,
                                new ArrayList<>(List.of(d.file())), chainDependencies(r.chain()), r.locations(),
                                r.triage(), r.suppressed() != null ? r.suppressed() : rules.match(facts(r))));
            }
        }
        Map<String, Set<Path>> dumpsOf = new HashMap<>(); // "from->to" class keys to the dumps that hold it
        for (MergedGraph.Cycle<Path> cycle : mergedGraph(dumps, dumpsOf, progress).cycles()) {
            if (!found.containsKey(cycle.problemKey()) && !oneDumpHoldsAll(cycle, dumpsOf)) {
                List<Path> seenIn = new ArrayList<>();
                cycle.edges().forEach(e -> {
                    if (!seenIn.contains(e.firstSeenIn())) {
                        seenIn.add(e.firstSeenIn());
                    }
                });
                List<List<String>> deps = cycle.edges().stream().map(e -> List.of(e.fromKey(), e.toKey())).toList();
                found.put(cycle.problemKey(), new Problem(ReportKind.CIRCULAR, cycle.problemKey(), summary(cycle),
                        MergedCycleText.render(cycle), false, true, seenIn, deps, List.of(), Triage.CREDIBLE,
                        rules.match(new Suppressions.Facts(ReportKind.CIRCULAR, "", deps.stream().map(dep -> dep.get(0))
                                .toList(), List.of()))));
            }
        }
        this.problems = Tangles.group(found);
    }

    /**
     * Whether one dump holds every dependency of a cycle: then its JVM saw the cycle, and what lockdep
     * says of it that JVM said (a cycle it did not report is another way round a tangle it reported on).
     */
    private static boolean oneDumpHoldsAll(MergedGraph.Cycle<Path> cycle, Map<String, Set<Path>> dumpsOf) {
        Set<Path> all = null;
        for (MergedGraph.Edge<Path> e : cycle.edges()) {
            Set<Path> holding = dumpsOf.getOrDefault(e.fromKey() + "->" + e.toKey(), Set.of());
            if (all == null) {
                all = new HashSet<>(holding);
            } else {
                all.retainAll(holding);
            }
        }
        return all != null && !all.isEmpty();
    }

    /** What rules match of a dump's report: the agent's facts of it, or, from an older dump, its chain and places. */
    private static Suppressions.Facts facts(LoadedDump.DumpReport r) {
        List<String> frames = !r.frames().isEmpty() ? r.frames()
                : r.locations().stream().map(l -> l.className() + "." + l.method()).distinct().toList();
        return new Suppressions.Facts(r.kind(), Suppressions.threadName(r.thread()), r.classKeys().isEmpty() ? r.chain() : r.classKeys(), frames);
    }

    /** The problems, credible ones first (each group in the order found), suppressed ones last. */
    List<Problem> credibleFirst() {
        List<Problem> ordered = new ArrayList<>();
        problems.values().stream().filter(p -> p.suppressed() == null && p.triage().credible()).forEach(ordered::add);
        problems.values().stream().filter(p -> p.suppressed() == null && !p.triage().credible()).forEach(ordered::add);
        problems.values().stream().filter(p -> p.suppressed() != null).forEach(ordered::add);
        return ordered;
    }

    /**
     * "3 distinct reports (2 possible deadlocks) in 2 dumps" (or without the dumps, for one JVM); with
     * how many possible deadlocks triage took out of the gate, if any.
     */
    String tally(boolean withDumps) {
        long deadlocks = problems.values().stream().filter(Problem::isDeadlock).count();
        long suppressed = problems.values().stream().filter(p -> p.isDeadlock() && p.suppressed() != null).count();
        long triaged = deadlocks - suppressed - problems.values().stream().filter(Problem::isCredibleDeadlock).count();
        return count(problems.size(), withDumps ? "distinct report" : "report") + " (" + count(deadlocks, "possible deadlock")
                + (triaged == 0 ? "" : ", " + triaged + " out of the gate by triage")
                + (suppressed == 0 ? "" : ", " + suppressed + " suppressed") + ")"
                + (withDumps ? " in " + count(dumps.size(), "dump") : "");
    }

    /** "1 report", "2 reports". */
    static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /**
     * Reads the dumps, on as many threads as there are processors (each dump is parsed on its own); a
     * bad one is reported as the first bad file in the order given, whichever thread found it.
     */
    static Dumps load(List<Path> files, Progress progress, Suppressions rules) {
        long total = 0;
        for (Path f : files) {
            try {
                total += Files.size(f);
            } catch (IOException e) {
                // the reader says what is wrong with it
            }
        }
        progress.step("reading " + count(files.size(), "dump"), total);
        AtomicLong read = new AtomicLong();
        List<Read> results = files.parallelStream().map(f -> {
            long[] seen = {0};
            try {
                return new Read(DumpReader.read(f, bytes -> {
                    progress.at(read.addAndGet(bytes - seen[0]));
                    seen[0] = bytes;
                }), null);
            } catch (DumpReader.BadDumpException e) {
                return new Read(null, e);
            }
        }).toList();
        List<LoadedDump> dumps = new ArrayList<>();
        for (Read r : results) {
            if (r.error() != null) {
                throw new BadInput(r.error().getMessage());
            }
            dumps.add(r.dump());
        }
        return new Dumps(dumps, progress, rules);
    }

    /** One file read: its dump, or why it is none. */
    private record Read(LoadedDump dump, DumpReader.BadDumpException error) {
    }

    /**
     * The dependencies of a circular report's chain (#N .. #0): each class was taken after the one
     * printed below it, and the held lock (#N) closes the circle to the new one (#0).
     */
    private static List<List<String>> chainDependencies(List<String> chain) {
        List<List<String>> deps = new ArrayList<>();
        for (int i = 0; i + 1 < chain.size(); i++) {
            deps.add(List.of(chain.get(i + 1), chain.get(i)));
        }
        if (chain.size() > 1) {
            deps.add(List.of(chain.get(0), chain.get(chain.size() - 1)));
        }
        return deps;
    }

    /** The dumps' dependencies in one graph; {@code dumpsOf} gets, for each, the dumps that hold it. */
    private static MergedGraph<Path> mergedGraph(List<LoadedDump> dumps, Map<String, Set<Path>> dumpsOf,
                                                 Progress progress) {
        MergedGraph<Path> graph = new MergedGraph<>();
        progress.step("merging dependencies", dumps.stream().mapToLong(d -> d.dependencies().size()).sum());
        long merged = 0;
        for (LoadedDump d : dumps) {
            Map<Integer, Integer> classOf = new HashMap<>(); // the dump's class ids to the merged graph's
            Map<Integer, String> keyOf = new HashMap<>();
            d.classes().forEach(c -> {
                classOf.put(c.id(), graph.classOf(c.key(), c.name(), c.subclass()));
                keyOf.put(c.id(), c.key());
            });
            for (LoadedDump.DumpDependency dep : d.dependencies()) {
                graph.add(classOf.get(dep.from()), classOf.get(dep.to()), dep.kinds(), d.file());
                dumpsOf.computeIfAbsent(keyOf.get(dep.from()) + "->" + keyOf.get(dep.to()), k -> new HashSet<>())
                        .add(d.file());
                progress.at(++merged);
            }
        }
        return graph;
    }

    /** "circular B -> A -> B": the chain from the held lock's class round to it again, by name. */
    private static String summary(Map<String, String> names, LoadedDump.DumpReport r) {
        List<String> chain = new ArrayList<>();
        for (String key : r.chain()) {
            chain.add(names.getOrDefault(key, key));
        }
        // recursive:KEY/SUBCLASS and the like: name the class where the dump knows it
        return ProblemSummary.of(r.kind(), chain, names.getOrDefault(ProblemKey.subjectClass(r.problem()),
                ProblemKey.subject(r.problem())));
    }

    private static String summary(MergedGraph.Cycle<Path> cycle) {
        List<String> chain = new ArrayList<>();
        cycle.edges().forEach(e -> chain.add(e.fromName()));
        chain.add(chain.get(0));
        return "circular " + String.join(" -> ", chain) + " (across dumps)";
    }
}
