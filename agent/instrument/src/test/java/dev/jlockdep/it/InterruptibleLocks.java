package dev.jlockdep.it;

import java.util.concurrent.locks.ReentrantLock;

/**
 * lockInterruptibly: recorded like lock(); interrupted while waiting, it leaves nothing recorded as
 * held (else the waiter's later 'alpha' would record beta -> alpha and be reported on its own).
 */
public class InterruptibleLocks {
    private final ReentrantLock alpha = new ReentrantLock();
    private final ReentrantLock beta = new ReentrantLock();

    public static void main(String[] args) throws Exception {
        InterruptibleLocks l = new InterruptibleLocks();
        Threads.runInThread("forward", l::alphaThenBeta);

        l.beta.lock();
        Thread waiter = new Thread(l::waitForBetaThenTakeAlpha, "waiter");
        waiter.start();
        while (!l.beta.hasQueuedThread(waiter)) {
            Thread.onSpinWait();
        }
        waiter.interrupt();
        Threads.awaitEnd(waiter); // not join(): holding beta, a join would wait for a thread that tries beta
        l.beta.unlock();

        l.beta.lockInterruptibly();
        l.alpha.lockInterruptibly();
        l.alpha.unlock();
        l.beta.unlock();
        System.out.println("finished");
    }

    void alphaThenBeta() {
        try {
            alpha.lockInterruptibly();
            try {
                beta.lockInterruptibly();
                beta.unlock();
            } finally {
                alpha.unlock();
            }
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    void waitForBetaThenTakeAlpha() {
        try {
            beta.lockInterruptibly();
            beta.unlock();
        } catch (InterruptedException expected) {
            System.out.println("interrupted while waiting for beta");
        }
        alpha.lock();
        alpha.unlock();
    }
}
