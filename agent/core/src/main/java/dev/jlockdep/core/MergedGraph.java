package dev.jlockdep.core;

import dev.jlockdep.core.model.DependencyKind;
import dev.jlockdep.core.model.ProblemKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Dependencies gathered from many runs (the dumps of every forked JVM of a build), keyed by the lock
 * classes' stable keys, searched for cycles with the validator's own strong-path rules: so a cycle
 * whose dependencies were seen by different JVMs, which no single one could report, is found too.
 *
 * @param <O> where a dependency was seen (a dump, say)
 */
public final class MergedGraph<O> {
    /** A cycle: its problem key (as the agent's reports have it) and its dependencies, in order. */
    public record Cycle<O>(String problemKey, List<Edge<O>> edges) {
    }

    /** One dependency of a cycle, with the class names and where it was first seen. */
    public record Edge<O>(String fromKey, String fromName, String toKey, String toName, O firstSeenIn) {
    }

    private final LockClassRegistry classes = new LockClassRegistry();
    private final LockGraph graph = new LockGraph();
    private final Map<Dependency, O> origins = new HashMap<>();

    /**
     * Adds a dependency between two classes ({@code key} and nesting {@code subclass} identify a class;
     * {@code name} is its printed name). Repeated dependencies merge their kinds and keep the first origin.
     */
    public void add(String fromKey, String fromName, int fromSubclass, String toKey, String toName, int toSubclass,
                    int kinds, O origin) {
        add(classOf(fromKey, fromName, fromSubclass), classOf(toKey, toName, toSubclass), kinds, origin);
    }

    /**
     * The class of a key and nesting subclass ({@code name} prints it), as a number for {@link
     * #add(int, int, int, Object)}: a dump's classes are looked up once, not once per dependency.
     */
    public int classOf(String key, String name, int subclass) {
        return classes.lookup(key, name, subclass, WaitType.NONE).id();
    }

    /** Adds a dependency between two classes numbered by {@link #classOf}. */
    public void add(int fromClass, int toClass, int kinds, O origin) {
        LockClass from = classes.byId(fromClass);
        LockClass to = classes.byId(toClass);
        Dependency d = graph.edge(from, to);
        if (d == null) {
            d = new Dependency(from, to, kinds, List.of(), null, List.of(), Dependency.Gates.NONE, false);
            graph.addInBulk(d);
            origins.put(d, origin);
        } else {
            d.addKind(kinds);
        }
    }

    /**
     * Every distinct cycle, found as lockdep would when the last of its dependencies was added: for each
     * dependency {@code u -> v} inside a strongly connected component, the shortest strong path from
     * {@code v} back to {@code u}.
     */
    public List<Cycle<O>> cycles() {
        Map<String, Cycle<O>> found = new LinkedHashMap<>();
        for (Dependency d : graph.edges()) {
            if (d.from() == d.to() || graph.component(d.from()) != graph.component(d.to())) {
                continue; // no cycle leaves its strongly connected component
            }
            boolean newIsRecursiveRead = (d.kinds() & (DependencyKind.SN | DependencyKind.EN)) == 0;
            boolean heldExclusive = (d.kinds() & (DependencyKind.ER | DependencyKind.EN)) != 0;
            List<Dependency> back = graph.strongPath(d.to(), d.from(), newIsRecursiveRead, heldExclusive);
            if (back == null || back.isEmpty()) {
                continue;
            }
            List<Dependency> cycle = new ArrayList<>();
            cycle.add(d);
            cycle.addAll(back);
            Set<String> members = new HashSet<>();
            for (Dependency e : cycle) {
                members.add(e.from().member());
            }
            String key = ProblemKey.circular(members);
            if (!found.containsKey(key)) {
                List<Edge<O>> edges = new ArrayList<>();
                for (Dependency e : cycle) {
                    edges.add(new Edge<>(e.from().key(), e.from().bareName(), e.to().key(), e.to().bareName(),
                            origins.get(e)));
                }
                found.put(key, new Cycle<>(key, edges));
            }
        }
        return List.copyOf(found.values());
    }
}
