package dev.jlockdep.core;

import dev.jlockdep.core.model.Frame;
import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * A stack recorded as a Throwable records it and turned into frames when first read: most stacks a chain's
 * validation records are never shown (a dependency held back by a first holding, then dropped with it).
 * Until it is read it keeps the JVM's record: every frame, not only those kept (about 1.5 KB at 30 frames,
 * 22 KB at 1,000), and their classes, which cannot be unloaded meanwhile. A stack kept for the run is
 * copied when stored ({@link StackTable}); one a first holding holds back stays until the holding settles,
 * or, for a holding that never does, until its lock is collected and its thread's held locks are swept.
 */
final class CapturedStack extends AbstractList<Frame> implements RandomAccess {
    private final int maxFrames;
    /** The Throwable until the frames are first read, then the frames. */
    private volatile Object state;

    CapturedStack(Throwable recorded, int maxFrames) {
        this.state = recorded;
        this.maxFrames = maxFrames;
    }

    @Override
    public Frame get(int index) {
        return frames().get(index);
    }

    @Override
    public int size() {
        return frames().size();
    }

    @SuppressWarnings("unchecked")
    private List<Frame> frames() {
        Object s = state;
        if (s instanceof Throwable recorded) { // two threads reading it first make the same frames
            List<Frame> frames = Stacks.frames(recorded.getStackTrace(), maxFrames);
            state = frames;
            return frames;
        }
        return (List<Frame>) s;
    }
}
