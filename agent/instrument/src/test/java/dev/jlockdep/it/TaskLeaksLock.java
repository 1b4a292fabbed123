package dev.jlockdep.it;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A pool task locks a fresh object and drops it still locked (Derby's ConcurrentCache does so on
 * purpose: "no one else could have seen it"); later tasks on the same worker take two locks in one
 * order. With "cycle", a thread of its own then takes them the other way round: a real cycle, which
 * must still be reported, while the leaked lock orders nothing and is said once. With "leak-cycle", the
 * leaking task takes {@code first} while its dropped lock is held, and main later takes another lock of
 * the same making inside {@code first}: a cycle of classes only through a lock nobody can ever take again
 * (triage: leaked, once the collector freed it). With "kept-cycle", the same, but the task keeps its lock
 * where others could reach it: credible.
 */
public class TaskLeaksLock {
    private static final Object first = new Object();
    private static final Object second = new Object();

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].endsWith("leak-cycle") || args.length > 0 && args[0].equals("kept-cycle")) {
            throughALeakedLock(args[0].equals("kept-cycle"));
            return;
        }
        ExecutorService pool = Executors.newSingleThreadExecutor();
        pool.submit(TaskLeaksLock::leak).get();
        pool.submit(TaskLeaksLock::leak).get();
        pool.submit(() -> {
            synchronized (first) {
                synchronized (second) {
                    System.out.println("first then second");
                }
            }
        }).get();
        pool.shutdown();
        if (args.length > 0 && args[0].equals("cycle")) {
            Thread other = new Thread(() -> {
                synchronized (second) {
                    synchronized (first) {
                        System.out.println("second then first");
                    }
                }
            }, "other");
            other.start();
            other.join();
        }
        System.out.println("finished");
    }

    private static void leak() {
        ReentrantLock fresh = new ReentrantLock();
        fresh.lock(); // never unlocked: nobody else can reach it
    }

    static ReentrantLock kept;

    private static void throughALeakedLock(boolean keep) throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        pool.submit(() -> {
            ReentrantLock fresh = make();
            fresh.lock(); // never unlocked
            if (keep) {
                kept = fresh;
            }
            synchronized (first) {
                System.out.println("dropped lock, then first");
            }
        }).get();
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.HOURS); // the task's end, and its leak, come first
        ReentrantLock other = make();
        synchronized (first) {
            other.lock();
            other.unlock();
        }
        Thread sharer = new Thread(() -> { // the other lock is no thread's own
            other.lock();
            other.unlock();
        });
        sharer.start();
        sharer.join();
        System.out.println("finished");
    }

    /** Every lock of this making is one class. */
    private static ReentrantLock make() {
        return new ReentrantLock();
    }
}
