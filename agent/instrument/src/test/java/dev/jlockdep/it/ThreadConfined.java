package dev.jlockdep.it;

/**
 * Two classes whose instances are taken in both orders: by each thread on objects of its own only
 * ("confined": like a database's container handle, which belongs to its transaction's thread), or, with
 * "shared", the same two objects by two threads (the classic AB-BA, a real deadlock the day they
 * meet). The threads run one after another, so nothing hangs.
 */
public class ThreadConfined {
    /** A page of a container. */
    static final class Page {
    }

    /** A handle on a container, used by one transaction. */
    static final class Handle {
    }

    static void pageThenHandle(Page p, Handle h) {
        synchronized (p) {
            synchronized (h) {
                Thread.onSpinWait();
            }
        }
    }

    static void handleThenPage(Page p, Handle h) {
        synchronized (h) {
            synchronized (p) {
                Thread.onSpinWait();
            }
        }
    }

    public static void main(String[] args) throws Exception {
        boolean shared = args.length > 0 && args[0].equals("shared");
        Page sharedPage = new Page();
        Handle sharedHandle = new Handle();
        for (int i = 0; i < 2; i++) {
            boolean first = i == 0;
            Thread t = new Thread(() -> {
                Page p = shared ? sharedPage : new Page();
                Handle h = shared ? sharedHandle : new Handle();
                if (shared && !first) {
                    handleThenPage(p, h);
                } else {
                    pageThenHandle(p, h);
                    if (!shared) {
                        handleThenPage(p, h);
                    }
                }
            }, "transaction-" + i);
            t.start();
            t.join();
        }
        System.out.println("finished");
    }
}
