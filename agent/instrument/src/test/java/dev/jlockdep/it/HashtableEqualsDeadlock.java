package dev.jlockdep.it;

import java.util.Hashtable;
import java.util.concurrent.CyclicBarrier;

/**
 * {@code left.equals(right)} and {@code right.equals(left)} at once really deadlock: each holds its own
 * table's monitor and calls the other's synchronized {@code size()}, from inside the JDK's
 * {@code Hashtable.equals}. The barrier, met while each thread holds its table, makes it certain.
 */
public class HashtableEqualsDeadlock {
    static final CyclicBarrier MEET = new CyclicBarrier(2);
    static final Hashtable<String, String> left = new Hashtable<>();
    static final Hashtable<String, String> right = new Hashtable<>();

    static void compare(Hashtable<String, String> mine, Hashtable<String, String> other) {
        synchronized (mine) {
            Deadlocks.meet(MEET);
            System.out.println("equal: " + mine.equals(other));
        }
    }

    public static void main(String[] args) throws InterruptedException {
        left.put("k", "v");
        right.put("k", "v");
        new Thread(() -> compare(left, right), "left").start();
        new Thread(() -> compare(right, left), "right").start();
        Deadlocks.awaitDeadlock();
    }
}
