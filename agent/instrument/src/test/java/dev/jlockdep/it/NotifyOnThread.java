package dev.jlockdep.it;

/**
 * A thread object is also a monitor: code that notifies it is no end of that thread. Main joins a worker
 * while holding the state lock; another thread, after taking the state lock, notifies the worker's
 * monitor. The worker itself takes nothing: silent. With "worker-takes-state", the worker takes the
 * state lock before it ends: a real cycle (a deadlock the day main gets the lock first), reported.
 */
public class NotifyOnThread {
    private static final Object state = new Object();

    public static void main(String[] args) throws Exception {
        boolean workerTakesState = args.length > 0 && args[0].equals("worker-takes-state");
        Thread worker = new Thread(() -> {
            if (workerTakesState) {
                synchronized (state) {
                    System.out.println("worker took the state lock");
                }
            }
        }, "worker");
        Thread notifier = new Thread(() -> {
            synchronized (state) {
                System.out.println("notifier took the state lock");
            }
            synchronized (worker) {
                worker.notifyAll();
            }
        }, "notifier");
        notifier.start();
        notifier.join();
        worker.start();
        while (worker.isAlive()) {
            Thread.onSpinWait();
        }
        synchronized (state) {
            worker.join();
        }
        System.out.println("finished");
    }
}
