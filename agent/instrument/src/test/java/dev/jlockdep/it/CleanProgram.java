package dev.jlockdep.it;

import java.util.Hashtable;
import java.util.Vector;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/** Consistent lock orders, reentrancy, read-write locks and JDK collections: nothing to report. */
public class CleanProgram {
    private final Object outer = new Object();
    private final Object inner = new Object();
    private final ReentrantReadWriteLock table = new ReentrantReadWriteLock();

    public static void main(String[] args) throws Exception {
        CleanProgram p = new CleanProgram();
        for (int i = 0; i < 3; i++) {
            Threads.runInThread("worker-" + i, p::work);
        }
        p.work();
        System.out.println("finished");
    }

    synchronized void work() {
        synchronized (outer) {
            synchronized (inner) {
                synchronized (outer) {
                    table.readLock().lock();
                    table.readLock().unlock();
                }
            }
        }
        table.writeLock().lock();
        try {
            table.readLock().lock(); // a writer may take its own read lock
            table.readLock().unlock();
            Vector<Integer> v = new Vector<>();
            v.add(1);
            Hashtable<String, Integer> h = new Hashtable<>();
            h.put("one", v.get(0));
            StringBuffer sb = new StringBuffer();
            sb.append(h.get("one"));
        } finally {
            table.writeLock().unlock();
        }
    }
}
