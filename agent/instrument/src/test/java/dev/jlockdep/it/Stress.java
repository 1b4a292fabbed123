package dev.jlockdep.it;

import dev.jlockdep.api.Lockdep;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Many threads taking and releasing locks for a while, each time a random subset of 24 locks (monitors,
 * ReentrantLocks and ReentrantReadWriteLocks, read or write) in one global order: no cycle, so nothing
 * to report, and nothing may hang. One round in ten takes a pair of other locks instead, first then
 * second. With "cycle", one more thread, once the others have done a thousand rounds, takes second
 * then first, again and again: one report, once. (A gate, read by the rounds and written by that
 * thread, keeps the cycle from ever deadlocking.)
 *
 * <p>Arguments: seconds, threads, and "cycle" or "clean". Prints "finished" (or "hung" and the threads'
 * stacks, exiting 3, if the workers have not finished 60 seconds after their time).
 */
public class Stress {
    private static final int LOCKS = 24;
    private static final Object[] locks = new Object[LOCKS];
    /** Read by every round, written around the cycle: the cycle is real for lockdep, yet never deadlocks. */
    private static final ReentrantReadWriteLock gate = Lockdep.setClass(new ReentrantReadWriteLock(), "stress-gate");
    /** The pair of the cycle: rounds take first then second, alone; the other thread second then first. */
    private static final Object first = Lockdep.setClass(new Object(), "stress-first");
    private static final ReentrantLock second = Lockdep.setClass(new ReentrantLock(), "stress-second");

    static {
        for (int i = 0; i < LOCKS; i++) {
            Object lock = switch (i % 3) {
                case 0 -> new Object();
                case 1 -> new ReentrantLock();
                default -> new ReentrantReadWriteLock();
            };
            locks[i] = Lockdep.setClass(lock, "stress" + i); // one class each, however they are made
        }
    }

    public static void main(String[] args) throws Exception {
        long seconds = Long.parseLong(args[0]);
        int threads = Integer.parseInt(args[1]);
        boolean cycle = args[2].equals("cycle");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        AtomicLong rounds = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(new Thread(() -> {
                while (System.nanoTime() < deadline) {
                    gate.readLock().lock();
                    try {
                        if (ThreadLocalRandom.current().nextInt(10) == 0) {
                            synchronized (first) {
                                second.lock();
                                second.unlock();
                            }
                        } else {
                            takeInOrder(randomSubset(), 0);
                        }
                    } finally {
                        gate.readLock().unlock();
                    }
                    rounds.incrementAndGet();
                }
            }, "stress-" + t));
        }
        if (cycle) {
            workers.add(new Thread(() -> {
                while (rounds.get() < 1000) { // the order first (so this thread is the one that closes the cycle)
                    Thread.onSpinWait();
                }
                while (System.nanoTime() < deadline) {
                    gate.writeLock().lock();
                    try {
                        second.lock(); // against the rounds' order
                        try {
                            synchronized (first) {
                                rounds.incrementAndGet();
                            }
                        } finally {
                            second.unlock();
                        }
                    } finally {
                        gate.writeLock().unlock();
                    }
                }
            }, "against-the-order"));
        }
        workers.forEach(Thread::start);
        for (Thread w : workers) {
            w.join(TimeUnit.SECONDS.toMillis(seconds + 60));
            if (w.isAlive()) {
                System.out.println("hung");
                Thread.getAllStackTraces().forEach((th, stack) -> System.out.println(th + " " + List.of(stack)));
                System.exit(3);
            }
        }
        System.err.println("stress: " + rounds.get() + " rounds on " + workers.size() + " threads");
        System.out.println("finished");
    }

    /** Lock indexes in increasing order: each lock with probability one half. */
    private static int[] randomSubset() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int[] picked = new int[LOCKS];
        int n = 0;
        for (int i = 0; i < LOCKS; i++) {
            if (random.nextBoolean()) {
                picked[n++] = i;
            }
        }
        return java.util.Arrays.copyOf(picked, n);
    }

    /** Takes the locks from {@code at} on, nested, each in its own way, and releases them. */
    private static void takeInOrder(int[] order, int at) {
        if (at == order.length) {
            Thread.onSpinWait();
            return;
        }
        Object lock = locks[order[at]];
        if (lock instanceof ReentrantReadWriteLock rw) {
            Lock view = ThreadLocalRandom.current().nextBoolean() ? rw.readLock() : rw.writeLock();
            view.lock();
            try {
                takeInOrder(order, at + 1);
            } finally {
                view.unlock();
            }
        } else if (lock instanceof ReentrantLock l) {
            l.lock();
            try {
                takeInOrder(order, at + 1);
            } finally {
                l.unlock();
            }
        } else {
            synchronized (lock) {
                takeInOrder(order, at + 1);
            }
        }
    }
}
