package dev.jlockdep.it;

import java.util.concurrent.locks.ReentrantLock;

/** Unlocking a lock this thread does not hold: reported, and the JDK's own exception still thrown. */
public class BadUnlock {
    private static final ReentrantLock journal = new ReentrantLock();

    public static void main(String[] args) {
        try {
            journal.unlock();
        } catch (IllegalMonitorStateException expected) {
            System.out.println("IllegalMonitorStateException as without the agent");
        }
    }
}
