package dev.jlockdep.report;

import dev.jlockdep.core.model.ReportKind;
import dev.jlockdep.core.model.Triage;
import java.nio.file.Path;
import java.util.List;

/**
 * A dump read back from its file (see {@link DumpReader}): what one JVM learnt, as the CLI needs it.
 *
 * @param chains       distinct held-lock chains validated
 * @param chainsEvicted validated chains the agent's chain cache dropped to stay bounded (validated again if
 *                     they came back); -1 in dumps written before they were counted
 * @param heldBack     dependencies held back by first holdings of lock objects that never ended and that no
 *                     other thread took, so never in the graph; -1 in dumps written before they were counted
 * @param instances    lock instances seen
 * @param maxDepth     the most locks a thread held at once
 * @param classesInstrumented the classes the agent rewrote; -1 in dumps written before it was counted
 * @param validating   whether validation was still on when the dump was written; null in dumps written
 *                     before it was recorded
 * @param classes      lock classes by their id in this dump
 * @param dependencies dependencies between class ids
 * @param stacks       the distinct stacks the dependencies were first made at, each from its top frame
 * @param reports      the reports the agent printed, with their text
 */
public record LoadedDump(Path file, String jvm, String agent, long chains, long chainsEvicted, long heldBack, long instances,
                         long maxDepth, long classesInstrumented, Boolean validating, List<DumpClass> classes,
                         List<DumpDependency> dependencies, List<List<DumpFrame>> stacks, List<DumpReport> reports) {

    /** Where a dependency was first made, from the top frame (where the lock was taken); empty if the dump does not say. */
    public List<DumpFrame> stackOf(DumpDependency d) {
        return d.stack() < 0 ? List.of() : stacks.get(d.stack());
    }

    /** A frame of a stack; {@code file} is null where the class file has no source name. */
    public record DumpFrame(String className, String method, String file, int line) {
    }

    /** A lock class; {@code key} is stable across runs and machines. */
    public record DumpClass(int id, String key, int subclass, String name, String bareName) {
    }

    /**
     * {@code from -> to} by class id, with lockdep's kind bits (SR=1 ER=2 SN=4 EN=8), and the index of its
     * stack in {@link #stacks} (-1 if the dump has none).
     */
    public record DumpDependency(int from, int to, int kinds, String thread, int stack) {
    }

    /**
     * A report; {@code problem} identifies it across runs ({@code circular:[class keys]}).
     *
     * @param chain  class keys of a circular report's chain, from #N to #0; empty for other kinds
     * @param triage its problem's triage at the end of the run; credible in dumps written before there was one
     * @param suppressed the suppression rule that matched it in the agent ({@code FILE:LINE: RULE}), or null
     * @param classKeys  the keys of its lock classes, and {@code frames} the {@code Class.method} of its
     *                   frames, that suppression rules match (see {@code Suppressions.Facts}); empty in older dumps
     */
    public record DumpReport(ReportKind kind, String problem, String thread, List<String> chain, boolean confirmed,
                             List<DumpLocation> locations, String text, Triage triage, String suppressed,
                             List<String> classKeys, List<String> frames, String test) {
    }

    /** Where a lock of a report was taken (or released), and its role in the report. */
    public record DumpLocation(String role, String className, String method, String file, int line) {
        /** How a role begins: where the reporting thread takes the new lock ({@code acquiring NAME}), ... */
        public static final String ACQUIRING = "acquiring ";
        /** ... where it took the lock it holds ({@code holding NAME}), ... */
        public static final String HOLDING = "holding ";
        /** ... and where each recorded dependency of a cycle was made ({@code dependency #N}). */
        public static final String DEPENDENCY = "dependency #";
    }
}
