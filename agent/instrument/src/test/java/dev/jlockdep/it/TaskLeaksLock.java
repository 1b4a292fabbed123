package dev.jlockdep.it;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A pool task locks a fresh object and drops it still locked (Derby's ConcurrentCache does so on
 * purpose: "no one else could have seen it"); later tasks on the same worker take two locks in one
 * order. With "cycle", a thread of its own then takes them the other way round: a real cycle, which
 * must still be reported, while the leaked lock orders nothing and is said once.
 */
public class TaskLeaksLock {
    private static final Object first = new Object();
    private static final Object second = new Object();

    public static void main(String[] args) throws Exception {
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
}
