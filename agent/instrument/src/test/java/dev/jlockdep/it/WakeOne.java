package dev.jlockdep.it;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A one-slot buffer whose takers wait while it is empty and whose putters wait while it is full, both on
 * the buffer's monitor: two conditions, one monitor. Woken with {@code notify()}, a put may wake a
 * putter instead of the taker, and the taker waits on (the lost wake-up of Java Concurrency in Practice,
 * 14.2.4). Here each wait is met in turn, so nothing hangs. With "all" the buffer wakes with
 * {@code notifyAll()}: every waiter rechecks its own condition, nothing to report. With "signal" and
 * "signal-all" the same buffer waits on one condition of a lock, woken by {@code signal()} or
 * {@code signalAll()}.
 */
public class WakeOne implements OneSlot {
    /** The buffer on a lock's one condition, for both kinds of waiter. */
    static final class ConditionBuffer implements OneSlot {
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition changed = lock.newCondition();
        private final boolean all;
        private Object item;

        ConditionBuffer(boolean all) {
            this.all = all;
        }

        @Override
        public void put(Object o) throws InterruptedException {
            lock.lock();
            try {
                while (item != null) {
                    changed.await();
                }
                item = o;
                wake();
            } finally {
                lock.unlock();
            }
        }

        @Override
        public Object take() throws InterruptedException {
            lock.lock();
            try {
                while (item == null) {
                    changed.await();
                }
                Object o = item;
                item = null;
                wake();
                return o;
            } finally {
                lock.unlock();
            }
        }

        private void wake() {
            if (all) {
                changed.signalAll();
            } else {
                changed.signal();
            }
        }
    }

    private Object item;
    private final boolean all;

    WakeOne(boolean all) {
        this.all = all;
    }

    @Override
    public synchronized void put(Object o) throws InterruptedException {
        while (item != null) {
            wait();
        }
        item = o;
        wake();
    }

    @Override
    public synchronized Object take() throws InterruptedException {
        while (item == null) {
            wait();
        }
        Object o = item;
        item = null;
        wake();
        return o;
    }

    private void wake() {
        if (all) {
            notifyAll();
        } else {
            notify();
        }
    }

    public static void main(String[] args) throws Exception {
        String variant = args.length > 0 ? args[0] : "one";
        OneSlot buffer = variant.startsWith("signal") ? new ConditionBuffer(variant.equals("signal-all"))
                : new WakeOne(variant.equals("all"));
        Thread taker = new Thread(() -> {
            try {
                buffer.take();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        taker.start();
        awaitWaiting(taker);
        buffer.put("first"); // wakes the taker, which waited while the buffer was empty
        taker.join();
        buffer.put("second");
        Thread putter = new Thread(() -> {
            try {
                buffer.put("third");
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        putter.start();
        awaitWaiting(putter);
        buffer.take(); // wakes the putter, which waited while it was full: one notify, two kinds of waiter
        putter.join();
        buffer.take();
        System.out.println("finished");
    }

    private static void awaitWaiting(Thread t) {
        while (t.getState() != Thread.State.WAITING) {
            Thread.onSpinWait();
        }
    }
}

/** A one-slot buffer: a put waits while it is full, a take while it is empty. */
interface OneSlot {
    void put(Object o) throws InterruptedException;

    Object take() throws InterruptedException;
}
