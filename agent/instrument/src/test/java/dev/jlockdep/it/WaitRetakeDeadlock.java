package dev.jlockdep.it;

/**
 * A wait that gives up {@code state} while holding {@code io} must take {@code state} back under
 * {@code io}: the thread that would notify it takes {@code state}, then blocks on {@code io}, and both
 * hang. The retake is validated when the wait begins, so the report comes before the hang.
 */
public class WaitRetakeDeadlock {
    static final Object state = new Object();
    static final Object io = new Object();

    public static void main(String[] args) throws InterruptedException {
        Thread waiter = new Thread(() -> {
            synchronized (state) {
                synchronized (io) {
                    try {
                        state.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        }, "waiter");
        waiter.start();
        while (waiter.getState() != Thread.State.WAITING) {
            Thread.onSpinWait();
        }
        Thread notifier = new Thread(() -> {
            synchronized (state) {
                synchronized (io) {
                    state.notifyAll();
                }
            }
        }, "notifier");
        notifier.start();
        while (notifier.getState() != Thread.State.BLOCKED) {
            Thread.onSpinWait();
        }
        System.out.println("hung: the notifier is blocked on io, the waiter waits for state");
    }
}
