package dev.jlockdep.instrument.transform;

import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * A method's catch-all ranges, as a rewrite that hooks {@code monitorexit} must write them. javac's
 * handler of a synchronized block covers its own {@code monitorexit} ({@code H: astore t; aload m;
 * monitorexit; E: aload t; athrow}, with H inside a catch-all range that ends at E and is handled at H),
 * so that the monitor is released whatever is thrown. C1 gives up on a method in which a handler covers
 * an instruction that can throw in the handler's own first block ("exception handler covers itself"),
 * and a hook before that {@code monitorexit} is a call, which can: every method with a synchronized block
 * ran interpreted until C2 compiled it (on a 2-core machine, some of Derby's busiest methods for 6 to 10
 * seconds).
 *
 * <p>So each catch-all range is written to end at a label of its own: where it ended, or, in a handler
 * it covers, right after the handler's first {@code monitorexit}, whose hook then comes after it. The
 * range still covers all that javac's did, and the hook is covered by the handlers outside it, which hold
 * what the code holds once the monitor is released.
 */
public final class CatchAllRanges {
    /**
     * Null until the method declares one: most declare none, and every label asks. Indexed loops: the
     * rewrite is left to C1, which would allocate an iterator for each.
     */
    private List<Range> ranges;

    /** A catch-all range, and where the code is against it. */
    private static final class Range {
        final Label start;
        final Label end;
        final Label handler;
        final Label cut = new Label();
        boolean started;
        boolean inOwnHandler;
        boolean ended;

        Range(Label start, Label end, Label handler) {
            this.start = start;
            this.end = end;
            this.handler = handler;
        }

        void end(MethodVisitor next) {
            if (!ended) {
                next.visitLabel(cut);
                ended = true;
            }
        }
    }

    /** The end label to write for a try-catch block as the method declares it. */
    public Label end(Label start, Label end, Label handler, String type) {
        if (type != null) {
            return end;
        }
        Range r = new Range(start, end, handler);
        if (ranges == null) {
            ranges = new ArrayList<>(2);
        }
        ranges.add(r);
        return r.cut;
    }

    /**
     * The code reaches {@code label}, about to be passed to {@code next}: a range that ends there is ended
     * first (where it ended), one that starts there is entered, and one whose handler it is, entered and
     * not ended, covers its own handler from there on.
     */
    public void reached(Label label, MethodVisitor next) {
        for (int i = 0; ranges != null && i < ranges.size(); i++) {
            Range r = ranges.get(i);
            if (label == r.end) {
                r.end(next);
            }
            r.started |= label == r.start;
            r.inOwnHandler |= label == r.handler && r.started && !r.ended;
        }
    }

    /**
     * Writes a {@code monitorexit} and its hook, the monitor on the stack: {@code hookCall} pushes what the
     * hook takes after the monitor and calls it ({@code [monitor, monitor, ...] -> [monitor]}). The hook
     * comes first; in the handler of a range that covers it, it comes after the {@code monitorexit}, where
     * that range now ends.
     */
    public void monitorExit(MethodVisitor next, Runnable hookCall) {
        next.visitInsn(Opcodes.DUP);
        if (inOwnHandler()) {
            next.visitInsn(Opcodes.MONITOREXIT);
            for (int i = 0; i < ranges.size(); i++) {
                if (ranges.get(i).inOwnHandler) {
                    ranges.get(i).end(next);
                }
            }
            hookCall.run();
            return;
        }
        hookCall.run();
        next.visitInsn(Opcodes.MONITOREXIT);
    }

    private boolean inOwnHandler() {
        for (int i = 0; ranges != null && i < ranges.size(); i++) {
            Range r = ranges.get(i);
            if (r.inOwnHandler && !r.ended) {
                return true;
            }
        }
        return false;
    }
}
