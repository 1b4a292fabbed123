package dev.jlockdep.it;

/**
 * Hand-rolled page latches (a monitor's wait and notifyAll, as Derby's pages have them) on two kinds of
 * page: a thread holding the allocation cache waits for an allocation page's latch; another takes the
 * cache, then releases a user page's latch. The latches of two kinds of page are two events, as their
 * monitors are two classes: nothing to report. With "same" the page released after the cache is an
 * allocation page too: the waiter holds the cache its releaser needs, a deadlock the day they meet.
 * With "under-cache" the releaser latches the allocation page after taking the cache, and latches and
 * releases twenty user pages before it releases it: a waiter holding the cache can never wait for a
 * latch the cache's holder set, so nothing to report either; "under-cache PAGES PASSES" latches and
 * releases PAGES user pages PASSES times each (many objects' sections, or one object's two sections
 * alternating in a loop, must not push out the allocation page's).
 */
public class PageLatches {
    static class Page {
        private boolean latched;

        synchronized void latch() throws InterruptedException {
            while (latched) {
                wait();
            }
            latched = true;
        }

        synchronized void release() {
            latched = false;
            notifyAll();
        }
    }

    static final class AllocPage extends Page {
    }

    static final class UserPage extends Page {
    }

    private final Object allocCache = new Object();
    private int allocated;

    public static void main(String[] args) throws Exception {
        boolean same = args.length > 0 && args[0].equals("same");
        PageLatches p = new PageLatches();
        Page alloc = new AllocPage();
        if (args.length > 0 && args[0].equals("under-cache")) {
            Page[] users = new Page[args.length > 1 ? Integer.parseInt(args[1]) : 20];
            int passes = args.length > 2 ? Integer.parseInt(args[2]) : 1;
            for (int i = 0; i < users.length; i++) {
                users[i] = new UserPage();
            }
            synchronized (p.allocCache) {
                alloc.latch();
                for (Page user : users) {
                    for (int i = 0; i < passes; i++) {
                        user.latch();
                        user.release();
                    }
                }
                alloc.release();
            }
        }
        alloc.latch();
        Thread waiter = new Thread(() -> {
            try {
                synchronized (p.allocCache) {
                    alloc.latch();
                }
                alloc.release();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        waiter.start();
        while (waiter.getState() != Thread.State.WAITING) {
            Thread.onSpinWait();
        }
        alloc.release();
        waiter.join();

        Page other = same ? new AllocPage() : new UserPage();
        other.latch();
        synchronized (p.allocCache) {
            p.allocated++; // the cache is taken in the releaser's context, then the latch released
        }
        other.release();
        System.out.println("finished");
    }
}
