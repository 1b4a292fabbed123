package dev.jlockdep.clitest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Holds a lock, says it is ready, waits for the file named by its argument (created once the agent is
 * attached), then, in methods called after the attach (a running method keeps its old code), releases
 * that lock (taken before the attach: no bad unlock) and takes two locks both ways.
 */
public class WaitsThenAbBa {
    private static final ReentrantLock before = new ReentrantLock();
    private static final Object first = new Object();
    private static final Object second = new Object();

    public static void main(String[] args) throws Exception {
        before.lock();
        System.out.println("ready");
        Path go = Path.of(args[0]);
        while (!Files.exists(go)) {
            Thread.sleep(10);
        }
        afterAttach();
    }

    static void afterAttach() throws InterruptedException {
        before.unlock();
        Thread t = new Thread(WaitsThenAbBa::firstThenSecond, "forward");
        t.start();
        t.join();
        synchronized (second) {
            synchronized (first) {
                System.out.println("done");
            }
        }
    }

    static void firstThenSecond() {
        synchronized (first) {
            synchronized (second) {
                System.out.println("first then second");
            }
        }
    }
}
