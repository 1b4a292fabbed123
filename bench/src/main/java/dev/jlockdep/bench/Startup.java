package dev.jlockdep.bench;

import java.util.Vector;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The smallest program that takes a lock of each kind and exits: bench/startup.sh times the JVM running
 * it with and without the agent, which is the agent's start-up cost (its premain, the JDK classes it
 * retransforms, the instrumentation of the classes loaded).
 */
public final class Startup {
    private Startup() {
    }

    public static void main(String[] args) {
        ReentrantLock lock = new ReentrantLock();
        Vector<String> list = new Vector<>();
        lock.lock();
        try {
            synchronized (list) {
                list.add("started");
            }
        } finally {
            lock.unlock();
        }
        System.out.println(list.get(0));
    }
}
