package dev.jlockdep.core;

import java.util.Arrays;

/**
 * A topological order of the graph's strongly connected components, kept up to date as dependencies
 * are added (Pearce and Kelly's dynamic order; a dependency that closes a cycle collapses the cycle
 * into one component). It tells the cycle search where to look: a new dependency {@code u -> v} with
 * {@code u} ordered before {@code v} closes nothing, and otherwise a path back from {@code v} to
 * {@code u} can only pass through components ordered between them. So the cost of a new dependency is
 * the part of the graph it reorders, not everything reachable from it (which made a large graph
 * quadratic). Used under the graph lock only.
 *
 * <p>Components are union-find sets of class ids; each keeps its members in a circular list (one int
 * per class, so a class alone costs no list object) and its position in the order at its root. The
 * searches walk their own arrays of neighbour ids rather than the graph's edge sets: a step is then
 * an array read, not two hash look-ups and an iterator.
 */
final class TopologicalOrder {
    private static final int[] NONE = new int[0];
    /** Successor and predecessor ids by class id, the first {@code count} of each array in use. */
    private int[][] successors = new int[64][];
    private int[][] predecessors = new int[64][];
    private int[] successorCount = new int[64];
    private int[] predecessorCount = new int[64];
    /** Union-find parent by class id; 0 for a class that is no vertex yet. */
    private int[] parent = new int[64];
    /** The next member of the class's component (circular). */
    private int[] nextMember = new int[64];
    /** A component's position in the order, at its root; positions are distinct, not contiguous. */
    private int[] position = new int[64];
    private int lowestPosition;
    private int highestPosition;
    /** Visit marks of the forward and backward searches, by root id: a mark equal to the epoch is set. */
    private int[] forwardMark = new int[64];
    private int[] backwardMark = new int[64];
    private int forwardEpoch;
    private int backwardEpoch;
    private int epoch;
    private final Roots forward = new Roots();
    private final Roots backward = new Roots();
    private int vertices;
    /** Dependencies were added in bulk: components and positions are recomputed before the next use. */
    private boolean stale;

    /**
     * A new vertex: a component of its own, ordered before every other when it is about to be the
     * source of its first dependency, after every other when its target (so that dependency needs no
     * reordering).
     */
    void addVertex(LockClass c, boolean first) {
        int id = c.id();
        if (id >= parent.length) {
            int n = Math.max(id + 1, parent.length * 2);
            successors = Arrays.copyOf(successors, n);
            predecessors = Arrays.copyOf(predecessors, n);
            successorCount = Arrays.copyOf(successorCount, n);
            predecessorCount = Arrays.copyOf(predecessorCount, n);
            parent = Arrays.copyOf(parent, n);
            nextMember = Arrays.copyOf(nextMember, n);
            position = Arrays.copyOf(position, n);
            forwardMark = Arrays.copyOf(forwardMark, n);
            backwardMark = Arrays.copyOf(backwardMark, n);
        }
        successors[id] = NONE;
        predecessors[id] = NONE;
        parent[id] = id;
        nextMember[id] = id;
        position[id] = first ? --lowestPosition : ++highestPosition;
        vertices++;
    }

    /** The component of a vertex, as the id of its root. */
    int component(LockClass c) {
        rebuildIfStale();
        return find(c.id());
    }

    /**
     * Marks the components a path from {@code to} back to {@code from} could pass through, before
     * {@code from -> to} is added; false when there is no such path at all.
     */
    boolean markRegion(LockClass from, LockClass to) {
        rebuildIfStale();
        int u = find(from.id());
        int v = find(to.id());
        if (u == v) {
            forwardEpoch = ++epoch;
            forwardMark[u] = forwardEpoch;
            return true;
        }
        if (position[u] < position[v]) {
            return false;
        }
        search(v, position[u], true);
        return forwardMark[u] == forwardEpoch;
    }

    /** Whether the class lies in the region last marked. */
    boolean inRegion(LockClass c) {
        return forwardMark[find(c.id())] == forwardEpoch;
    }

    /**
     * Adds the dependency {@code from -> to} (new, between vertices) and restores the order: the
     * components that reach {@code from} move before those {@code to} reaches, within the positions
     * they held; those on a path from {@code to} to {@code from} (a cycle now) become one component.
     */
    void add(LockClass from, LockClass to) {
        if (from == to) {
            return;
        }
        link(from.id(), to.id());
        rebuildIfStale();
        int u = find(from.id());
        int v = find(to.id());
        if (u == v || position[u] < position[v]) {
            return;
        }
        search(v, position[u], true);
        search(u, position[v], false);
        Roots before = new Roots();
        Roots cycle = new Roots();
        Roots after = new Roots();
        long[] pool = new long[forward.size + backward.size];
        int n = 0;
        for (int i = 0; i < backward.size; i++) {
            int r = backward.ids[i];
            (forwardMark[r] == forwardEpoch ? cycle : before).add(r);
            pool[n++] = position[r];
        }
        for (int i = 0; i < forward.size; i++) {
            int r = forward.ids[i];
            if (backwardMark[r] != backwardEpoch) {
                after.add(r);
                pool[n++] = position[r];
            }
        }
        Arrays.sort(pool, 0, n);
        int next = 0;
        for (int r : before.byPosition(position)) {
            position[r] = (int) pool[next++];
        }
        if (cycle.size > 0) {
            position[merge(cycle)] = (int) pool[next];
        }
        next = n - after.size;
        for (int r : after.byPosition(position)) {
            position[r] = (int) pool[next++];
        }
    }

    /**
     * Adds the dependency {@code from -> to} without restoring the order: for loading many at once,
     * which then costs one linear pass (see {@link #rebuild}) instead of a reordering each.
     */
    void addUnordered(LockClass from, LockClass to) {
        if (from != to) {
            link(from.id(), to.id());
            stale = true;
        }
    }

    private void link(int from, int to) {
        successors[from] = append(successors[from], successorCount[from]++, to);
        predecessors[to] = append(predecessors[to], predecessorCount[to]++, from);
    }

    private void rebuildIfStale() {
        if (stale) {
            stale = false;
            rebuild();
        }
    }

    /**
     * Components and positions from scratch, by Tarjan's algorithm (iterative, so a long path cannot
     * exhaust the stack). It completes components sinks first, so each takes the next lower position.
     */
    private void rebuild() {
        int n = parent.length;
        int[] index = new int[n]; // visit order from 1; 0: not visited yet
        int[] low = new int[n];
        boolean[] onStack = new boolean[n];
        int[] stack = new int[n];
        int[] callVertex = new int[n];
        int[] callEdge = new int[n];
        int top = 0;
        int visited = 0;
        int nextPosition = vertices;
        highestPosition = vertices - 1;
        for (int start = 1; start < n; start++) {
            if (parent[start] == 0 || index[start] != 0) {
                continue;
            }
            int calls = 0;
            callVertex[calls] = start;
            callEdge[calls++] = 0;
            index[start] = low[start] = ++visited;
            stack[top++] = start;
            onStack[start] = true;
            while (calls > 0) {
                int u = callVertex[calls - 1];
                if (callEdge[calls - 1] < successorCount[u]) {
                    int w = successors[u][callEdge[calls - 1]++];
                    if (index[w] == 0) {
                        index[w] = low[w] = ++visited;
                        stack[top++] = w;
                        onStack[w] = true;
                        callVertex[calls] = w;
                        callEdge[calls++] = 0;
                    } else if (onStack[w]) {
                        low[u] = Math.min(low[u], index[w]);
                    }
                    continue;
                }
                calls--;
                if (calls > 0) {
                    int caller = callVertex[calls - 1];
                    low[caller] = Math.min(low[caller], low[u]);
                }
                if (low[u] == index[u]) { // u roots a component: its members are above it on the stack
                    nextMember[u] = u;
                    int w;
                    do {
                        w = stack[--top];
                        onStack[w] = false;
                        parent[w] = u;
                        if (w != u) {
                            nextMember[w] = nextMember[u];
                            nextMember[u] = w;
                        }
                    } while (w != u);
                    position[u] = --nextPosition;
                }
            }
        }
        lowestPosition = nextPosition;
    }

    /**
     * Collects into {@link #forward} the components reachable from {@code start} positioned at most at
     * {@code bound}, or into {@link #backward} those reaching it positioned at least at {@code bound}.
     */
    private void search(int start, int bound, boolean forwards) {
        Roots found = forwards ? forward : backward;
        int[] mark = forwards ? forwardMark : backwardMark;
        int stamp = ++epoch;
        if (forwards) {
            forwardEpoch = stamp;
        } else {
            backwardEpoch = stamp;
        }
        found.size = 0;
        found.add(start);
        mark[start] = stamp;
        for (int i = 0; i < found.size; i++) {
            int root = found.ids[i];
            int m = root;
            do {
                int[] next = forwards ? successors[m] : predecessors[m];
                int count = forwards ? successorCount[m] : predecessorCount[m];
                for (int k = 0; k < count; k++) {
                    int r = find(next[k]);
                    if (mark[r] != stamp && (forwards ? position[r] <= bound : position[r] >= bound)) {
                        mark[r] = stamp;
                        found.add(r);
                    }
                }
                m = nextMember[m];
            } while (m != root);
        }
    }

    /** Joins the components into one; returns its root. */
    private int merge(Roots roots) {
        int root = roots.ids[0];
        for (int i = 1; i < roots.size; i++) {
            int other = roots.ids[i];
            parent[other] = root;
            int t = nextMember[root]; // splice the two circular member lists
            nextMember[root] = nextMember[other];
            nextMember[other] = t;
        }
        return root;
    }

    private static int[] append(int[] ids, int at, int id) {
        if (at == ids.length) {
            ids = Arrays.copyOf(ids, Math.max(4, at * 2));
        }
        ids[at] = id;
        return ids;
    }

    private int find(int id) {
        while (parent[id] != id) {
            parent[id] = parent[parent[id]]; // path halving
            id = parent[id];
        }
        return id;
    }

    /** A growable list of component roots. */
    private static final class Roots {
        int[] ids = new int[16];
        int size;

        void add(int id) {
            if (size == ids.length) {
                ids = Arrays.copyOf(ids, size * 2);
            }
            ids[size++] = id;
        }

        /** The roots sorted by their position. */
        int[] byPosition(int[] position) {
            long[] keyed = new long[size];
            for (int i = 0; i < size; i++) {
                keyed[i] = (long) position[ids[i]] << 32 | ids[i];
            }
            Arrays.sort(keyed);
            int[] sorted = new int[size];
            for (int i = 0; i < size; i++) {
                sorted[i] = (int) keyed[i];
            }
            return sorted;
        }
    }
}
