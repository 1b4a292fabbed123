package dev.jlockdep.it;

/**
 * Derby's group commit: a committer that finds a flush in progress waits for it on the log's monitor,
 * holding its own connection and the registry; the flusher began the flush (a critical section on the
 * log that set the flag) holding its connection, and ends it with a notify. Its connection was taken
 * before the flush began, so it cannot be what stops the notify: silent. With "takes-registry", the
 * flusher takes the registry during the flush, under its connection: a real deadlock the day the
 * committer gets the registry first, reported. The two sides are ordered by spinning, so nothing hangs.
 */
public class GroupCommit {
    /** A connection: each thread holds its own while it commits. */
    static final class Connection {
    }

    static final class Log {
        private boolean flushing;

        /** Begins a flush (true), or waits for the one in progress to end (false). */
        synchronized boolean beginOrWait() throws InterruptedException {
            if (flushing) {
                while (flushing) {
                    wait();
                }
                return false;
            }
            flushing = true;
            return true;
        }

        synchronized void endFlush() {
            flushing = false;
            notifyAll();
        }
    }

    private static final Object registry = new Object();
    private static volatile boolean flushBegun;

    public static void main(String[] args) throws Exception {
        boolean takesRegistry = args.length > 0 && args[0].equals("takes-registry");
        Log log = new Log();
        Thread committer = new Thread(() -> {
            while (!flushBegun) {
                Thread.onSpinWait();
            }
            synchronized (new Connection()) {
                synchronized (registry) {
                    try {
                        log.beginOrWait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        }, "committer");
        committer.start();
        synchronized (new Connection()) {
            log.beginOrWait();
            if (takesRegistry) {
                synchronized (registry) {
                    Thread.onSpinWait();
                }
            }
            flushBegun = true;
            while (committer.getState() != Thread.State.WAITING) {
                Thread.onSpinWait();
            }
            log.endFlush();
        }
        committer.join();
        System.out.println("finished");
    }
}
