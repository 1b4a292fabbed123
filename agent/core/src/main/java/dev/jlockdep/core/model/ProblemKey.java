package dev.jlockdep.core.model;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The keys of problems: what makes two reports the same problem, within a run (each is reported once)
 * and across runs (baselines hold the keys, SARIF fingerprints are made from them). A key starts with
 * its kind's dump name and a colon; this is the one place that writes and reads them.
 */
public final class ProblemKey {
    private ProblemKey() {
    }

    /** One class of a cycle, as keys name it: its class key and nesting subclass. */
    public static String member(String classKey, int subclass) {
        return classKey + "/" + subclass;
    }

    /** A cycle, by the set of its classes ({@link #member}s): the same cycle whichever edge closed it. */
    public static String circular(Collection<String> members) {
        return ReportKind.CIRCULAR.dumpName() + ":" + new TreeSet<>(members);
    }

    /**
     * The classes ({@link #member}s) of a circular key, in its order; empty for other kinds. Keys never
     * hold ", " (class keys are names, fields and places), so the set's printed form splits on it.
     */
    public static List<String> members(String key) {
        if (kindOf(key) != ReportKind.CIRCULAR) {
            return List.of();
        }
        String subject = subject(key);
        if (subject.length() < 2 || subject.charAt(0) != '[' || subject.charAt(subject.length() - 1) != ']') {
            return List.of();
        }
        return List.of(subject.substring(1, subject.length() - 1).split(", "));
    }

    /** Two locks of one class (at one subclass) nested. */
    public static String recursive(String classKey, int subclass) {
        return ReportKind.RECURSIVE.dumpName() + ":" + member(classKey, subclass);
    }

    /** A release of a lock not held, by the lock's class and the place. */
    public static String badUnlock(String classKey, Frame at) {
        return ReportKind.BAD_UNLOCK.dumpName() + ":" + classKey + "@" + at;
    }

    /** A thread that ended holding locks of these classes. */
    public static String heldAtExit(Set<String> classKeys) {
        return ReportKind.HELD_AT_EXIT.dumpName() + ":" + new TreeSet<>(classKeys);
    }

    /** A warning, by the method that raised it and its message. */
    public static String warning(Frame at, String message) {
        return ReportKind.WARNING.dumpName() + ":" + at.className() + "." + at.methodName() + ":" + message;
    }

    /**
     * Locks a task left held when it ended, by their classes: the same lock left by tasks submitted from
     * two places is one problem (the code that took it), said once.
     */
    public static String leaked(Set<String> leakedClassKeys) {
        return ReportKind.WARNING.dumpName() + ":leaked:" + new TreeSet<>(leakedClassKeys);
    }

    /** A lock left held on an object the collector freed, by the lock's class. */
    public static String freed(String classKey) {
        return ReportKind.WARNING.dumpName() + ":freed:" + classKey;
    }

    /** A limit reached, by its option. */
    public static String limit(String option) {
        return "limit:" + option;
    }

    /** A stall, by the outermost class held, the thread and which outermost acquisition of it this is. */
    public static String stall(String classKey, String thread, int outermost) {
        return ReportKind.STALL.dumpName() + ":" + classKey + "@" + thread + "#" + outermost;
    }

    /** A task of a pool waiting for a task of the same pool, by the pool's class key. */
    public static String starvation(String poolClassKey) {
        return ReportKind.STARVATION.dumpName() + ":" + poolClassKey;
    }

    /** The kind a key names, or null if it names none. */
    public static ReportKind kindOf(String key) {
        int colon = key.indexOf(':');
        return colon < 0 ? null : ReportKind.fromDumpName(key.substring(0, colon));
    }

    /** What a key is about, after its kind: the class (and subclass) of a recursive key, say. */
    public static String subject(String key) {
        return key.substring(key.indexOf(':') + 1);
    }

    /** The class key of a recursive key's subject ({@code KEY/SUBCLASS}), or the subject itself. */
    public static String subjectClass(String key) {
        String subject = subject(key);
        return subject.contains("/") ? subject.substring(0, subject.lastIndexOf('/')) : subject;
    }

    /** Whether a key is one a baseline may hold: a problem's of a known kind, with a subject. */
    public static boolean isBaselineKey(String key) {
        ReportKind kind = kindOf(key);
        return kind != null && !subject(key).isEmpty() && !Character.isWhitespace(subject(key).charAt(0));
    }
}
