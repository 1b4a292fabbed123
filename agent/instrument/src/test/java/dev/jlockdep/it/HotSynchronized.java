package dev.jlockdep.it;

/**
 * Synchronized methods of each shape the agent reshapes (an instance method, a static one with a loop
 * and a wide local, one that catches what it throws), a synchronized method that takes its monitor again
 * in a block, and nested synchronized blocks that an exception leaves now and then, called often enough
 * to be compiled: run with the JIT forced, it shows whether the rewritten methods stay compilable.
 */
public class HotSynchronized {
    private int count;
    private static long total;
    private static final Object outer = new Object();
    private static final Object inner = new Object();
    private static int left;

    synchronized void increment() {
        count++;
    }

    static synchronized long add(int n) {
        long sum = 0;
        for (int i = 0; i < n; i++) {
            sum += i;
        }
        total += sum;
        return sum;
    }

    synchronized int checked(int x) {
        try {
            if (x < 0) {
                throw new IllegalArgumentException("negative");
            }
            return x * 2;
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }

    /** A block on 'this' inside the method's own monitor (redundant, as real code has it). */
    synchronized int again(int x) {
        synchronized (this) {
            count += x & 1;
            return count;
        }
    }

    /** Each block's exit hook on the way out by an exception is in javac's handler, which covers itself. */
    static int blocks(int x) {
        synchronized (outer) {
            synchronized (inner) {
                if ((x & 15) == 0) {
                    throw new IllegalStateException("left by an exception");
                }
                return x & 3;
            }
        }
    }

    public static void main(String[] args) {
        HotSynchronized h = new HotSynchronized();
        long sum = 0;
        for (int i = 0; i < 10_000; i++) {
            h.increment();
            sum += add(i & 7) + h.checked((i & 3) - 1);
            h.again(2);
            try {
                blocks(i);
            } catch (IllegalStateException expected) {
                left++;
            }
        }
        System.out.println(h.count + " " + sum + " " + total);
        System.out.println("blocks left by an exception: " + left);
        // Reshaped methods are synchronized blocks: reflection no longer says synchronized (README).
        for (String method : new String[] {"increment", "add", "checked"}) {
            for (java.lang.reflect.Method m : HotSynchronized.class.getDeclaredMethods()) {
                if (m.getName().equals(method)) {
                    System.out.println(method + " synchronized: " + java.lang.reflect.Modifier.isSynchronized(m.getModifiers()));
                }
            }
        }
    }
}
