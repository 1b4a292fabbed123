package dev.jlockdep.examples.kernel;

/**
 * Runs a body on a thread of its own, named like the kernel task it stands for, and waits for it: the
 * models run their paths one after another, so lockdep learns every order without a real deadlock.
 */
public final class Kthread {
    private Kthread() {
    }

    public static void run(String comm, Runnable body) {
        join(runUntilBlocked(comm, body));
    }

    /**
     * Starts a task and lets it run as far as it can: returns once it has finished or is blocked
     * (waiting for a lock the caller holds, say). How a model plays one side of a race in turn.
     */
    public static Thread runUntilBlocked(String comm, Runnable body) {
        Thread t = new Thread(body, comm);
        t.start();
        awaitBlocked(t);
        return t;
    }

    /** Waits until {@code t} has finished or is blocked (on a lock, a wait, a sleep): its turn is over. */
    public static void awaitBlocked(Thread t) {
        while (true) {
            Thread.State state = t.getState();
            if (state != Thread.State.NEW && state != Thread.State.RUNNABLE) {
                return;
            }
            Thread.onSpinWait();
        }
    }

    public static void join(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
