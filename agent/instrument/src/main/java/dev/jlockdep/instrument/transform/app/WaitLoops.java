package dev.jlockdep.instrument.transform.app;

import dev.jlockdep.core.SiteRegistry;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import net.bytebuddy.jar.asm.Label;

/**
 * Which untimed waits of one method are inside a loop: a jump from after the wait back to before it
 * (javac's {@code while}, {@code do}/{@code while} and {@code for}). A wait in a loop re-checks its
 * condition when it wakes, so a signal sent before it began is not lost to it (see the core's
 * {@code WakeUps}). Labels and waits are numbered in the order the method's code is visited.
 */
final class WaitLoops {
    private final Map<Label, Integer> visited = new IdentityHashMap<>();
    /** Each wait as {site, its place in the order}. */
    private final List<int[]> waits = new ArrayList<>();
    private int next;

    void label(Label label) {
        visited.put(label, next++);
    }

    void waitAt(int site) {
        waits.add(new int[] {site, next++});
    }

    /** A jump to {@code target}: if it goes back, the waits between the target and here are in a loop. */
    void jump(Label target, SiteRegistry sites) {
        Integer at = visited.get(target);
        if (at == null) {
            return;
        }
        for (int[] w : waits) {
            if (w[1] > at) {
                sites.markWaitInLoop(w[0]);
            }
        }
    }
}
