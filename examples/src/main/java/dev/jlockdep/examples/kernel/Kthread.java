package dev.jlockdep.examples.kernel;

/**
 * Runs a body on a thread of its own, named like the kernel task it stands for, and waits for it: the
 * models run their paths one after another, so lockdep learns every order without a real deadlock.
 */
public final class Kthread {
    private Kthread() {
    }

    public static void run(String comm, Runnable body) {
        Thread t = new Thread(body, comm);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
