package dev.jlockdep.it;

import dev.jlockdep.api.Lockdep;

/**
 * The main thread keeps a monitor while it sleeps: with watchdog=1 the watchdog reports it. It sleeps
 * until the report is out (a helper thread sees it and interrupts the sleep), however long the
 * watchdog takes on a loaded machine; its state stays TIMED_WAITING all that time.
 */
public class MainHoldsMonitor {
    private static final Object CONFIG = new Object();

    public static void main(String[] args) {
        Thread main = Thread.currentThread();
        Thread reported = new Thread(() -> {
            try {
                while (Lockdep.reportCount() == 0) {
                    Thread.sleep(10);
                }
            } catch (InterruptedException e) {
                return;
            }
            main.interrupt();
        }, "reported");
        reported.setDaemon(true);
        reported.start();
        synchronized (CONFIG) {
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                System.out.println("finished");
            }
        }
    }
}
