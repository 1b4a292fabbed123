package dev.jlockdep.core;

import dev.jlockdep.core.model.Triage;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The triage of a problem at the end of a run, from what the run left as evidence (see README, "Triage"):
 * lockdep leaves its false positives to annotation, which code nobody here wrote does not have.
 * Called under the graph lock.
 */
final class TriageRules {
    /**
     * What a problem rests on: the dependencies of its cycle (a circular report), or the class nested in
     * itself (a recursive one); {@code instanceCycle} for a cycle found on instances of one class.
     */
    record Evidence(List<Dependency> cycle, LockClass sameClass, boolean instanceCycle) {
        static Evidence ofCycle(List<Dependency> cycle) {
            return new Evidence(List.copyOf(cycle), null, false);
        }

        static Evidence ofNesting(LockClass c) {
            return new Evidence(List.of(), c, false);
        }

        static Evidence ofInstanceCycle(LockClass c) {
            return new Evidence(List.of(), c, true);
        }
    }

    private TriageRules() {
    }

    static Triage judge(Evidence e, GraphLock graph) {
        if (e.instanceCycle()) {
            return Triage.CREDIBLE;
        }
        if (e.sameClass() != null) {
            return nesting(e.sameClass());
        }
        Triage gated = gated(e.cycle(), graph);
        if (gated != null) {
            return gated;
        }
        Triage startUp = lifecycle(e.cycle());
        return startUp != null ? startUp : confined(e.cycle());
    }

    /**
     * Instances of one class nested in one another: a hierarchy when every inner instance was made under
     * its outer one, or when at least two distinct pairs were seen and no instance cycle among them (none
     * both ways); one pair seen one way may be half of a transfer(x, y) / transfer(y, x), and stays.
     */
    private static Triage nesting(LockClass c) {
        SameClassNesting n = c.nesting();
        List<SameClassNesting.Pair> pairs = n == null ? List.of() : n.pairs();
        if (pairs.isEmpty() || n.closedACycle()) {
            return Triage.CREDIBLE;
        }
        if (pairs.stream().allMatch(SameClassNesting.Pair::createdUnder)) {
            return new Triage(Triage.Verdict.CREATED_UNDER, count(pairs.size(), "pair") + " of " + c.bareName()
                    + " instances nested, each inner one made while its outer one was held");
        }
        if (pairs.size() < 2) {
            return new Triage(Triage.Verdict.CREDIBLE, "one pair of " + c.bareName()
                    + " instances nested, one way: the other way would deadlock");
        }
        String order = pairs.stream().allMatch(p -> p.outer() < p.inner()) ? " (the older one outside the newer)"
                : pairs.stream().allMatch(p -> p.outer() > p.inner()) ? " (the newer one outside the older)" : "";
        return new Triage(Triage.Verdict.CONSISTENT_ORDER, count(pairs.size(), "distinct pair") + " of "
                + c.bareName() + " instances nested, all in one order" + order + ", none both ways");
    }

    /**
     * A gated cycle: one lock held every time two of its dependencies were made (on every held-lock
     * chain through each), in modes that exclude each other (not both shared): those two cannot run at
     * once, and a deadlock needs every dependency of the cycle running at once. The gate must be the
     * same lock each time: a class with a single instance in the run.
     */
    private static Triage gated(List<Dependency> cycle, GraphLock graph) {
        Map<Integer, int[]> byClass = new HashMap<>(); // gate class -> {dependencies held across, exclusively}
        for (Dependency d : cycle) {
            int[] classes = d.gateClasses();
            boolean[] exclusive = d.gateAlwaysExclusive();
            for (int k = 0; k < classes.length; k++) {
                int[] n = byClass.computeIfAbsent(classes[k], c -> new int[2]);
                n[0]++;
                if (exclusive[k]) {
                    n[1]++;
                }
            }
        }
        for (Map.Entry<Integer, int[]> g : byClass.entrySet()) {
            LockClass gate = graph.byId(g.getKey());
            int holding = g.getValue()[0];
            int exclusively = g.getValue()[1];
            if (holding >= 2 && exclusively >= 1 && gate.singleInstance()) {
                return new Triage(Triage.Verdict.GATED, gate.bareName() + " (one instance) was held across " + holding
                        + " of the cycle's " + cycle.size() + " dependencies, exclusively across " + exclusively
                        + ": they cannot run at once");
            }
        }
        return null;
    }

    /**
     * Lifecycle order: a cycle of two locks, one of whose dependencies was only ever made onto a lock its
     * taker had made in that holding of the other lock, before any other thread took it (a pool made and
     * filled under its owner's lock at start-up, against its close later): no other thread held such a
     * lock there to be waited for, and a deadlock of two needs that wait. Two locks only: in a longer
     * cycle the start-up's thread holds both ends of that dependency while it takes the next lock, and may
     * wait there. The event is the instance's own making; a thread's start or end, or a task's, orders no
     * instance, and never counts.
     */
    private static Triage lifecycle(List<Dependency> cycle) {
        if (cycle.size() != 2) {
            return null;
        }
        for (Dependency d : cycle) {
            if (d.ontoMadeOnly()) {
                return new Triage(Triage.Verdict.LIFECYCLE, "every " + d.to().bareName() + " taken under "
                        + d.from().bareName() + " was made there, in that holding, by the thread that took it, before any"
                        + " other thread did: a start-up's order, which cannot wait");
            }
        }
        return null;
    }

    /**
     * Thread confinement: a lock class of the cycle whose every instance was taken by one thread only
     * (each by its own), while several threads took instances of it (so it is the objects that belong
     * to threads, not the program that has one): a deadlock needs an instance of each class of the cycle
     * taken by two threads, the one holding it and the one waiting for it. A single-threaded program,
     * and a pseudo-lock (whose takers are not followed), stay credible.
     */
    private static Triage confined(List<Dependency> cycle) {
        for (Dependency d : cycle) {
            LockClass c = d.from();
            if (c.waitType() != WaitType.NONE && c.takenByManyThreads() && c.instancesConfined()) {
                return new Triage(Triage.Verdict.THREAD_CONFINED, "every instance of " + c.bareName()
                        + " was taken by one thread only, while several threads took instances of it: no two threads"
                        + " ever met on one");
            }
        }
        return Triage.CREDIBLE;
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
