package dev.jlockdep.core;

import dev.jlockdep.core.model.Frame;
import java.util.Arrays;
import java.util.List;

/** Captures the current thread's stack without the agent's own frames (slow path only). */
final class Stacks {
    private static final StackWalker WALKER = StackWalker.getInstance();

    private Stacks() {
    }

    /**
     * Another thread's stack, as far as it can be read while that thread runs: without the agent's work
     * on top of it (everything up to the last agent frame, JDK frames the agent called included), and
     * without the frames of lambda classes, which StackWalker hides in a thread's own stack.
     */
    static List<Frame> of(Thread thread, int maxFrames) {
        StackTraceElement[] trace = thread.getStackTrace();
        int start = 0;
        for (int i = 0; i < trace.length; i++) {
            if (AgentPackages.isAgentClass(trace[i].getClassName())) {
                start = i + 1;
            }
        }
        return Arrays.stream(trace, start, trace.length)
                .filter(f -> !f.getClassName().contains("$$Lambda"))
                .limit(maxFrames)
                .map(f -> new Frame(f.getClassName(), f.getMethodName(), f.getFileName(), f.getLineNumber()))
                .toList();
    }

    /** The innermost frame outside agent code and lock primitives, or null. */
    static Frame firstCaller(SiteRegistry sites) {
        return WALKER.walk(frames -> frames
                .filter(f -> !AgentPackages.isAgentClass(f.getClassName())
                        && !sites.isPrimitive(f.getClassName(), f.getMethodName()))
                .findFirst()
                .map(f -> new Frame(f.getClassName(), f.getMethodName(), f.getFileName(), f.getLineNumber()))
                .orElse(null));
    }

    /**
     * The frame that called the constructor of {@code className} running now (past its own constructors,
     * which may call one another), or null.
     */
    static Frame constructorCaller(String className) {
        return WALKER.walk(frames -> frames
                .filter(f -> !AgentPackages.isAgentClass(f.getClassName()))
                .dropWhile(f -> !(f.getClassName().equals(className) && f.getMethodName().equals("<init>")))
                .dropWhile(f -> f.getClassName().equals(className) && f.getMethodName().equals("<init>"))
                .findFirst()
                .map(f -> new Frame(f.getClassName(), f.getMethodName(), f.getFileName(), f.getLineNumber()))
                .orElse(null));
    }

    static List<Frame> current(int maxFrames) {
        return WALKER.walk(frames -> frames
                .filter(f -> !AgentPackages.isAgentClass(f.getClassName()))
                .limit(maxFrames)
                .map(f -> new Frame(f.getClassName(), f.getMethodName(), f.getFileName(), f.getLineNumber()))
                .toList());
    }
}
