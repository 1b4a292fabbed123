package dev.jlockdep.it;

import dev.jlockdep.api.Lockdep;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Many threads taking and releasing locks, each round a random subset of 24 locks (monitors,
 * ReentrantLocks and ReentrantReadWriteLocks, read or write) in one global order: no cycle, so nothing
 * to report, and nothing may hang. One round in ten takes a pair of other locks instead, first then
 * second. With "cycle", one more thread, once the others have done a thousand rounds, takes second
 * then first, again and again until they are done: one report, once. (A gate, read by the rounds and
 * written by that thread, keeps the cycle from ever deadlocking.) Random subsets of 24 locks make
 * held-lock chains by the million: the chain cache must evict, never turn validation off.
 *
 * <p>Arguments: the rounds each thread makes (a fixed amount of work, as the tests want: however
 * slow the machine, the same chains), or a duration such as "300s" for a soak run by hand; threads;
 * and "cycle" or "clean". Prints "finished".
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
        boolean timed = args[0].endsWith("s");
        long amount = Long.parseLong(timed ? args[0].substring(0, args[0].length() - 1) : args[0]);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timed ? amount : 0);
        int threads = Integer.parseInt(args[1]);
        boolean cycle = args[2].equals("cycle");
        AtomicLong rounds = new AtomicLong();
        AtomicInteger working = new AtomicInteger(threads);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(new Thread(() -> {
                for (long round = 0; timed ? System.nanoTime() < deadline : round < amount; round++) {
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
                working.decrementAndGet();
            }, "stress-" + t));
        }
        if (cycle) {
            workers.add(new Thread(() -> {
                while (rounds.get() < 1000 && working.get() > 0) { // the order first (so this thread closes the cycle)
                    Thread.onSpinWait();
                }
                do {
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
                } while (working.get() > 0);
            }, "against-the-order"));
        }
        workers.forEach(Thread::start);
        for (Thread w : workers) {
            w.join();
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
