package dev.jlockdep.it;

/** Runs a piece of code in a named thread and waits for it: the orders are recorded one after another. */
final class Threads {
    private Threads() {
    }

    static void runInThread(String name, Runnable body) throws InterruptedException {
        Thread t = new Thread(body, name);
        t.start();
        t.join();
    }

    /** Waits for a thread to end without joining it (a join is a wait the agent checks). */
    static void awaitEnd(Thread t) {
        while (t.isAlive()) {
            Thread.onSpinWait();
        }
    }
}
