package dev.jlockdep.it;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A box filled by a producer and emptied by a consumer, each way a wake-up gets lost or does not.
 * Argument: lost (the producer's notify() comes before the consumer waits, outside a loop: it waits for
 * good), lost-signal (the same with a condition's signal()), loop (the consumer's second wait is in a
 * loop that re-checks the box, idle for good after the notify it missed: no lost wake-up; a thread
 * keeping a lock meanwhile gets the watchdog's stall report, which says the consumer was looked at),
 * after (the notify comes once the consumer waits: it wakes, and the program finishes).
 */
public class LostWakeUp {
    private final Object box = new Object();
    private boolean filled;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition filledUp = lock.newCondition();

    void put() {
        synchronized (box) {
            filled = true;
            box.notify();
        }
    }

    void takeOnce() throws InterruptedException {
        synchronized (box) {
            box.wait();
            filled = false;
        }
    }

    void takeInLoop() throws InterruptedException {
        synchronized (box) {
            while (!filled) {
                box.wait();
            }
            filled = false;
        }
    }

    void signalPut() {
        lock.lock();
        try {
            filled = true;
            filledUp.signal();
        } finally {
            lock.unlock();
        }
    }

    void signalTakeOnce() throws InterruptedException {
        lock.lock();
        try {
            filledUp.await();
            filled = false;
        } finally {
            lock.unlock();
        }
    }

    interface Step {
        void run() throws InterruptedException;
    }

    static Thread start(String name, Step step) {
        Thread t = new Thread(() -> {
            try {
                step.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name);
        t.start();
        return t;
    }

    static void untilWaiting(Thread t) {
        while (t.getState() != Thread.State.WAITING) {
            Thread.onSpinWait();
        }
    }

    public static void main(String[] args) throws Exception {
        LostWakeUp w = new LostWakeUp();
        switch (args[0]) {
            case "lost" -> {
                start("producer", w::put).join();
                start("consumer", w::takeOnce).join();
            }
            case "lost-signal" -> {
                start("producer", w::signalPut).join();
                start("consumer", w::signalTakeOnce).join();
            }
            case "loop" -> {
                start("producer", w::put).join();
                Thread consumer = start("consumer", () -> {
                    w.takeInLoop();
                    w.takeInLoop(); // nothing more comes: idle, in its loop
                });
                untilWaiting(consumer);
                Object clock = new Object();
                synchronized (clock) { // kept past the watchdog's threshold: its stall report comes after the consumer's check
                    consumer.join();
                }
            }
            case "after" -> {
                Thread consumer = start("consumer", w::takeOnce);
                untilWaiting(consumer);
                start("producer", w::put).join();
                consumer.join();
                System.out.println("finished");
            }
            default -> throw new IllegalArgumentException(args[0]);
        }
    }
}
