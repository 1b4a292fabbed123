package dev.jlockdep.it;

import dev.jlockdep.api.LockPrimitive;
import dev.jlockdep.api.Lockdep;
import dev.jlockdep.api.kernel.Memalloc;
import dev.jlockdep.api.kernel.MemallocScope;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A lock wrapper marked @LockPrimitive: its locks are recorded where it was called (a wrapper inside a
 * wrapper is passed over), and a failed assertion inside it names its caller too. A @MemallocScope
 * method sets its bits for its body only, even when it throws, and in a synchronized method too.
 */
public class Wrappers {
    @LockPrimitive
    static final class Guard {
        private final ReentrantLock lock = new ReentrantLock();

        Guard(String name) {
            Lockdep.setClass(lock, name);
        }

        void take() {
            lock.lock();
        }

        void drop() {
            lock.unlock();
        }

        void mustHold() {
            Lockdep.assertHeld(lock);
        }
    }

    @LockPrimitive
    static final class Outer {
        final Guard guard;

        Outer(String name) {
            guard = new Guard(name);
        }

        void take() {
            guard.take();
        }
    }

    private final Outer inode = new Outer("&inode->lock");
    private final Guard sb = new Guard("&sb->lock");

    public static void main(String[] args) throws Exception {
        Wrappers w = new Wrappers();
        Threads.runInThread("writer", w::inodeThenSb);
        w.sbThenInode();
        w.sb.mustHold();
        System.out.println("scope: " + w.inNofsScope() + ", after: " + Memalloc.flags());
        try {
            throwingScope();
        } catch (IllegalStateException e) {
            System.out.println("thrown out of a scope: " + Memalloc.flags());
        }
        System.out.println("finished");
    }

    void inodeThenSb() {
        inode.take();
        sb.take();
        sb.drop();
        inode.guard.drop();
    }

    void sbThenInode() {
        sb.take();
        inode.take();
        inode.guard.drop();
        sb.drop();
    }

    @MemallocScope(Memalloc.NOIO)
    synchronized int inNofsScope() {
        return Memalloc.flags();
    }

    @MemallocScope(Memalloc.NOFS)
    static void throwingScope() {
        throw new IllegalStateException(String.valueOf(Memalloc.flags()));
    }
}
