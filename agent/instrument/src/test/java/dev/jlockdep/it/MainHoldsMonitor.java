package dev.jlockdep.it;

/** The main thread keeps a monitor while it sleeps: with watchdog=1 the watchdog reports it. */
public class MainHoldsMonitor {
    private static final Object CONFIG = new Object();

    public static void main(String[] args) throws InterruptedException {
        synchronized (CONFIG) {
            Thread.sleep(2500);
        }
        System.out.println("finished");
    }
}
