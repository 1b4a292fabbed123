package dev.jlockdep.it;

import java.util.concurrent.locks.ReentrantLock;

/** Locks kept in no field are named by their allocation site. */
public class AllocationSites {
    public static void main(String[] args) throws Exception {
        ReentrantLock first = new ReentrantLock();
        ReentrantLock second = new ReentrantLock();
        Threads.runInThread("forward", () -> nest(first, second));
        nest(second, first);
        System.out.println("finished");
    }

    static void nest(ReentrantLock outer, ReentrantLock inner) {
        outer.lock();
        inner.lock();
        inner.unlock();
        outer.unlock();
    }
}
