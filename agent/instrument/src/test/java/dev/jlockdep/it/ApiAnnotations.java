package dev.jlockdep.it;

import dev.jlockdep.api.LockName;
import dev.jlockdep.api.Lockdep;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The public api: a class named by annotation and one named by call appear under those names; a
 * parent/child pair of one class nested with Lockdep.nested is fine, the same pair without it is
 * lockdep's "possible recursive locking".
 */
public class ApiAnnotations {
    static final class Node {
        final ReentrantLock lock = new ReentrantLock();
    }

    @LockName("&delayed_node->mutex")
    private final Object delayedMutex = new Object();
    private final Object allocMutex = Lockdep.setClass(new Object(), "pcpu_alloc_mutex");

    public static void main(String[] args) throws Exception {
        ApiAnnotations a = new ApiAnnotations();
        Node parent = new Node();
        Node child = new Node();
        parent.lock.lock();
        Lockdep.nested(child.lock, Lockdep.SINGLE_DEPTH_NESTING).lock();
        child.lock.unlock();
        parent.lock.unlock();

        Threads.runInThread("flusher", () -> {
            synchronized (a.delayedMutex) {
                synchronized (a.allocMutex) {
                    System.out.println("delayed node, then alloc");
                }
            }
        });
        synchronized (a.allocMutex) {
            synchronized (a.delayedMutex) {
                System.out.println("alloc, then delayed node");
            }
        }

        parent.lock.lock();
        child.lock.lock();
        child.lock.unlock();
        parent.lock.unlock();
    }
}
