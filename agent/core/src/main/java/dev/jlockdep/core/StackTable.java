package dev.jlockdep.core;

import dev.jlockdep.core.model.Frame;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The stacks kept for dependencies, each distinct stack once and each distinct frame once (as lockdep
 * hashes its stack traces): a million dependencies taken at a few thousand places cost a few thousand
 * stacks. Counts the frames of the distinct stacks, for {@link Limits#stackFrames()}. Used under the
 * graph lock only.
 */
final class StackTable {
    private final Map<List<Frame>, List<Frame>> stacks = new HashMap<>();
    private final Map<Frame, Frame> frames = new HashMap<>();
    private long storedFrames;

    /** The stored stack equal to {@code stack}, or null if storing it would pass {@code limit} frames. */
    List<Frame> intern(List<Frame> stack, int limit) {
        List<Frame> known = stacks.get(stack);
        if (known != null) {
            return known;
        }
        if (storedFrames + stack.size() > limit) {
            return null;
        }
        Frame[] shared = new Frame[stack.size()];
        for (int i = 0; i < shared.length; i++) {
            shared[i] = frames.computeIfAbsent(stack.get(i), f -> f);
        }
        List<Frame> stored = List.of(shared);
        stacks.put(stored, stored);
        storedFrames += shared.length;
        return stored;
    }
}
