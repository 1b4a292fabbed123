package dev.jlockdep.it;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A thread that holds the state lock while it waits for an event (a latch, a permit, a condition, a
 * notify, another thread's end) whose only signaller takes the state lock first: a deadlock the day the
 * waiter gets the lock first. Here the two sides are ordered by spinning (no wait the agent sees) so
 * that nothing hangs. Arguments: latch, semaphore, join (the signaller ran first: reported at the wait);
 * condition, monitor (the waiter waits first: reported at the signal); latch-outside, join-outside,
 * condition-outside (the waiter holds nothing, or the signaller takes nothing: silent); semaphore-mutex
 * (a semaphore used as a lock inside the state lock: silent).
 */
public class EventWaits {
    private final Object state = new Object();
    private final CountDownLatch ready = new CountDownLatch(1);
    private final Semaphore permits = new Semaphore(0);
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition done = lock.newCondition();
    private final Object mon = new Object();
    private volatile boolean signalled;
    private volatile boolean tookState;
    private int count;

    public static void main(String[] args) throws Exception {
        EventWaits s = new EventWaits();
        switch (args[0]) {
            case "latch" -> s.latch(true);
            case "latch-outside" -> s.latch(false);
            case "semaphore" -> s.semaphore();
            case "semaphore-mutex" -> s.semaphoreAsMutex();
            case "condition" -> s.condition(true);
            case "condition-outside" -> s.condition(false);
            case "monitor" -> s.monitor();
            case "join" -> s.join(true);
            case "join-outside" -> s.join(false);
            default -> throw new IllegalArgumentException(args[0]);
        }
        System.out.println("finished");
    }

    private void update() {
        synchronized (state) {
            count++;
        }
    }

    void latch(boolean underLock) throws InterruptedException {
        new Thread(() -> {
            update();
            ready.countDown();
        }).start();
        while (ready.getCount() > 0) {
            Thread.onSpinWait();
        }
        if (underLock) {
            synchronized (state) {
                ready.await();
            }
        } else {
            ready.await();
            update();
        }
    }

    void semaphore() throws InterruptedException {
        new Thread(() -> {
            update();
            permits.release();
        }).start();
        while (permits.availablePermits() == 0) {
            Thread.onSpinWait();
        }
        synchronized (state) {
            permits.acquire();
        }
    }

    void semaphoreAsMutex() throws InterruptedException {
        permits.release();
        Runnable critical = () -> {
            synchronized (state) {
                permits.acquireUninterruptibly();
                count++;
                permits.release();
            }
        };
        Thread other = new Thread(critical);
        other.start();
        critical.run();
        while (other.isAlive()) {
            Thread.onSpinWait();
        }
    }

    /** The waiter waits first; the signaller took the state lock before the waiter did. */
    void condition(boolean signallerTakesState) throws InterruptedException {
        Thread waiter = new Thread(() -> {
            while (!tookState) {
                Thread.onSpinWait();
            }
            synchronized (state) {
                lock.lock();
                try {
                    while (!signalled) {
                        done.awaitUninterruptibly();
                    }
                } finally {
                    lock.unlock();
                }
            }
        });
        waiter.start();
        if (signallerTakesState) {
            update();
        }
        tookState = true;
        while (waiter.getState() != Thread.State.WAITING) {
            Thread.onSpinWait();
        }
        lock.lock();
        try {
            signalled = true;
            done.signal();
        } finally {
            lock.unlock();
        }
        while (waiter.isAlive()) {
            Thread.onSpinWait();
        }
    }

    void monitor() {
        Thread waiter = new Thread(() -> {
            while (!tookState) {
                Thread.onSpinWait();
            }
            synchronized (state) {
                synchronized (mon) {
                    while (!signalled) {
                        try {
                            mon.wait();
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }
            }
        });
        waiter.start();
        update();
        tookState = true;
        while (waiter.getState() != Thread.State.WAITING) {
            Thread.onSpinWait();
        }
        synchronized (mon) {
            signalled = true;
            mon.notifyAll();
        }
        while (waiter.isAlive()) {
            Thread.onSpinWait();
        }
    }

    void join(boolean underLock) throws InterruptedException {
        Thread worker = new Thread(this::update);
        worker.start();
        while (worker.isAlive()) {
            Thread.onSpinWait();
        }
        if (underLock) {
            synchronized (state) {
                worker.join();
            }
        } else {
            worker.join();
            update();
        }
    }
}
