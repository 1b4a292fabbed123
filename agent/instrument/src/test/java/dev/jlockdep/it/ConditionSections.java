package dev.jlockdep.it;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A cache entry whose identity is being set (Derby's CacheEntry): one section on its lock marks it, a
 * later one at another place clears the mark and signals its condition. A waiter holds its own
 * connection while it waits for the mark to clear. The setter took its connection before it marked the
 * entry, so whoever waits for its signal waited for a mark set after that: nothing to report (the
 * entry's lock is taken through wrapper methods, so each section is at the place that calls them). With
 * "after" the setter takes a connection between marking and clearing: a waiter holding one, a setter
 * needing one before it signals, a deadlock the day they meet.
 */
public class ConditionSections {
    static final class Connection {
        int statements;
    }

    /** The entry keeps its lock behind wrapper methods, as Derby's does; its callers take it at their own places. */
    static final class Entry {
        private final ReentrantLock mutex = new ReentrantLock();
        private final Condition settingIdentity = mutex.newCondition();
        private boolean setting;

        void lock() {
            mutex.lock();
        }

        void unlock() {
            mutex.unlock();
        }

        void waitUntilIdentityIsSet() {
            while (setting) {
                settingIdentity.awaitUninterruptibly();
            }
        }

        void settingIdentityComplete() {
            setting = false;
            settingIdentity.signalAll();
        }

        void beginSetting() {
            lock();
            try {
                waitUntilIdentityIsSet();
                setting = true;
            } finally {
                unlock();
            }
        }

        void endSetting() {
            lock();
            try {
                settingIdentityComplete();
            } finally {
                unlock();
            }
        }
    }

    public static void main(String[] args) throws Exception {
        boolean after = args.length > 0 && args[0].equals("after");
        Entry entry = new Entry();
        Connection mine = new Connection();
        if (after) {
            entry.beginSetting();
            synchronized (mine) {
                mine.statements++;
            }
            entry.endSetting();
        } else {
            synchronized (mine) {
                entry.beginSetting();
                entry.endSetting();
            }
        }
        entry.beginSetting();
        Connection theirs = new Connection();
        Thread waiter = new Thread(() -> {
            synchronized (theirs) {
                entry.beginSetting();
            }
            entry.endSetting();
        });
        waiter.start();
        while (waiter.getState() != Thread.State.WAITING) {
            Thread.onSpinWait();
        }
        entry.endSetting();
        waiter.join();
        System.out.println("finished");
    }
}
