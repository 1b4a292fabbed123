package dev.jlockdep.it;

import java.util.concurrent.locks.ReentrantLock;

/** Locks that are subclasses of ReentrantLock are validated like it. */
public class LockSubclass {
    static final class TimedLock extends ReentrantLock {
        @Override
        public void lock() {
            super.lock();
        }
    }

    private final TimedLock left = new TimedLock();
    private final TimedLock right = new TimedLock();

    public static void main(String[] args) throws Exception {
        LockSubclass s = new LockSubclass();
        Threads.runInThread("lefty", () -> s.nest(s.left, s.right));
        s.right.lock();
        s.left.lock();
        s.left.unlock();
        s.right.unlock();
        System.out.println("finished");
    }

    void nest(TimedLock outer, TimedLock inner) {
        outer.lock();
        inner.lock();
        inner.unlock();
        outer.unlock();
    }
}
