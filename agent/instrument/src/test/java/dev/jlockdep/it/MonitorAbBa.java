package dev.jlockdep.it;

/** AB-BA with synchronized blocks, in two threads that never overlap in time. */
public class MonitorAbBa {
    private static final Object alpha = new Object();
    private static final Object beta = new Object();

    public static void main(String[] args) throws Exception {
        Threads.runInThread("first", MonitorAbBa::alphaThenBeta);
        betaThenAlpha();
        System.out.println("finished");
    }

    static void alphaThenBeta() {
        synchronized (alpha) {
            synchronized (beta) {
                System.out.println("alpha then beta");
            }
        }
    }

    static void betaThenAlpha() {
        synchronized (beta) {
            synchronized (alpha) {
                System.out.println("beta then alpha");
            }
        }
    }
}
