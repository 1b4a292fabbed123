package dev.jlockdep.it;

/**
 * Synchronized methods of each shape the agent reshapes (an instance method, a static one with a loop
 * and a wide local, one that catches what it throws), called often enough to be compiled: run with the
 * JIT forced, it shows whether the reshaped methods stay compilable.
 */
public class HotSynchronized {
    private int count;
    private static long total;

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

    public static void main(String[] args) {
        HotSynchronized h = new HotSynchronized();
        long sum = 0;
        for (int i = 0; i < 10_000; i++) {
            h.increment();
            sum += add(i & 7) + h.checked((i & 3) - 1);
        }
        System.out.println(h.count + " " + sum + " " + total);
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
