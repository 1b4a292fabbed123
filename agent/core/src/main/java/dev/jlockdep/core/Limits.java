package dev.jlockdep.core;

/**
 * How much the validator may store, as lockdep's MAX_LOCKDEP_KEYS, MAX_LOCKDEP_ENTRIES,
 * MAX_LOCKDEP_CHAINS and MAX_STACK_TRACE_ENTRIES: reaching one is said once and turns validation off,
 * so a program with more locks than foreseen keeps a bounded heap instead of running out of it.
 *
 * @param classes      lock classes (a nesting subclass is a class)
 * @param dependencies dependencies between classes
 * @param chains       distinct held-lock chains validated
 * @param stackFrames  frames of the distinct stacks kept for dependencies
 */
public record Limits(int classes, int dependencies, int chains, int stackFrames) {
    /**
     * Room for the largest graphs measured (a million dependencies take about 400 MB of heap, see
     * BENCHMARKS.md), still far below what would exhaust a server's heap unnoticed.
     */
    public static final Limits DEFAULT = new Limits(1 << 18, 1 << 20, 1 << 22, 1 << 22);
}
