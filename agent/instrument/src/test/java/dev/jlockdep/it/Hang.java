package dev.jlockdep.it;

import java.util.concurrent.CountDownLatch;

/**
 * Threads that end up waiting for one another, after rounds that went well. Argument: events (a worker
 * waits for the main thread's latch, which the main thread counts down, then joins it; in the last
 * round it joins first: each waits for the other, holding nothing), lock (a helper takes the lock, then
 * counts down the latch the main thread waits for; in the last round the main thread waits holding the
 * lock: the helper is blocked taking it).
 */
public class Hang {
    static CountDownLatch go;
    static CountDownLatch done;
    static final Object LOCK = new Object();

    public static void main(String[] args) throws Exception {
        for (int round = 0; round < 3; round++) {
            boolean last = round == 2;
            if (args[0].equals("events")) {
                go = new CountDownLatch(1);
                CountDownLatch started = go;
                Thread worker = new Thread(() -> {
                    try {
                        started.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "worker");
                worker.start();
                if (last) {
                    worker.join();
                }
                started.countDown();
                worker.join();
            } else {
                done = new CountDownLatch(1);
                CountDownLatch finished = done;
                Thread helper = new Thread(() -> {
                    synchronized (LOCK) {
                        finished.countDown();
                    }
                }, "helper");
                if (last) {
                    synchronized (LOCK) {
                        helper.start();
                        finished.await();
                    }
                } else {
                    helper.start();
                    finished.await();
                }
                helper.join();
            }
        }
        System.out.println("finished");
    }
}
