package dev.jlockdep.core;

import dev.jlockdep.core.model.Frame;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** Captures the current thread's stack without the agent's own frames (slow path only). */
final class Stacks {
    private static final StackWalker WALKER = StackWalker.getInstance();
    /** Whether a Throwable records the stack it is made on: not in a JVM run with {@code -XX:-StackTraceInThrowable}. */
    private static final boolean RECORDS = new Throwable().getStackTrace().length > 0;

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
                .map(Stacks::frame)
                .toList();
    }

    /** The innermost frame outside agent code and lock primitives, or null. */
    static Frame firstCaller(SiteRegistry sites) {
        return WALKER.walk(frames -> frames
                .filter(f -> !AgentPackages.isAgentClass(f.getClassName())
                        && !sites.isPrimitive(f.getClassName(), f.getMethodName()))
                .findFirst()
                .map(Stacks::frame)
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
                .map(Stacks::frame)
                .orElse(null));
    }

    /**
     * The current thread's stack, without the agent's frames: as a Throwable records it, which, unlike a
     * StackWalker's walk, runs none of its code inside the JVM's native frame (a virtual thread that loaded
     * a class there was pinned). It makes every frame, where the walk stopped at the frames kept: about the
     * walk's cost 60 frames deep, twice it at 300 (JMH {@code StackCapture}); for the stacks always shown. A
     * record holds at most {@code -XX:MaxJavaStackTraceDepth} frames (1,024 by default), the agent's own
     * among them.
     */
    static List<Frame> current(int maxFrames) {
        return RECORDS ? frames(new Record().getStackTrace(), maxFrames) : walked(maxFrames);
    }

    /**
     * {@link #current}, made into frames only when first read: at 60 frames deep the record costs 2-4 us, the
     * frames 20 us more (JMH {@code StackCapture}); for a stack that is seldom shown (see {@link CapturedStack}).
     */
    static List<Frame> captured(int maxFrames) {
        return RECORDS ? new CapturedStack(new Record(), maxFrames) : walked(maxFrames);
    }

    /**
     * A stack recorded, never thrown: named so that a JFR recording's exception statistics, or another
     * agent that watches Throwables being made, can tell the agent's records from the program's.
     */
    static final class Record extends Throwable {
        private static final long serialVersionUID = 1L;

        Record() {
            super(null, null, false, true); // no suppressed list: only its stack is wanted
        }
    }

    /** The walk, where a Throwable records no stack ({@code -XX:-StackTraceInThrowable}). */
    private static List<Frame> walked(int maxFrames) {
        return WALKER.walk(frames -> frames
                .filter(f -> !AgentPackages.isAgentClass(f.getClassName()))
                .limit(maxFrames)
                .map(Stacks::frame)
                .toList());
    }

    /**
     * A recorded stack's frames as a StackWalker of the thread shows them: without the agent's, without
     * reflection's (a Throwable shows the frames of {@code Method.invoke} and of its accessors, which a
     * StackWalker hides); the frames of lambda and method-handle classes, hidden classes, neither shows
     * (with the diagnostic {@code -XX:+ShowHiddenFrames} a walk on JDK 25 shows {@code LambdaForm} frames,
     * which these leave out, as JDK 17's walk does).
     */
    static List<Frame> frames(StackTraceElement[] trace, int maxFrames) {
        List<Frame> frames = new ArrayList<>(Math.min(trace.length, maxFrames)); // read-only once returned
        for (StackTraceElement f : trace) {
            String c = f.getClassName();
            if (AgentPackages.isAgentClass(c) || isReflection(c)) {
                continue;
            }
            if (frames.size() == maxFrames) {
                break;
            }
            frames.add(frame(f));
        }
        return Collections.unmodifiableList(frames);
    }

    private static Frame frame(StackTraceElement f) {
        return new Frame(f.getClassName(), f.getMethodName(), f.getFileName(), f.getLineNumber());
    }

    private static Frame frame(StackWalker.StackFrame f) {
        return new Frame(f.getClassName(), f.getMethodName(), f.getFileName(), f.getLineNumber());
    }

    /**
     * The classes whose frames StackWalker counts as reflection's ({@code StackStreamFactory.isReflectionFrame}):
     * {@code Method}, {@code Constructor} and their accessors, named by what they implement there, which a
     * name can only approach; the rest of {@code jdk.internal.reflect} (the factory and the generator that
     * make an accessor, and may initialize a class on the way) is shown.
     */
    private static boolean isReflection(String className) {
        if (className.startsWith("jdk.internal.reflect.")) {
            return !className.endsWith("Factory") && !className.contains("Generator") && (className.contains("MethodAccessor")
                    || className.contains("ConstructorAccessor") || className.contains("HandleAccessor"));
        }
        return className.equals("java.lang.reflect.Method") || className.equals("java.lang.reflect.Constructor")
                || className.startsWith("java.lang.invoke.LambdaForm");
    }
}
