package dev.jlockdep.it;

/** A cycle of three: a -> b, b -> c, then c -> a closes it. */
public class ThreeLockCycle {
    private final Object a = new Object();
    private final Object b = new Object();
    private final Object c = new Object();

    public static void main(String[] args) throws Exception {
        ThreeLockCycle t = new ThreeLockCycle();
        Threads.runInThread("ab", () -> t.nest(t.a, t.b));
        Threads.runInThread("bc", () -> t.nest(t.b, t.c));
        synchronized (t.c) {
            synchronized (t.a) {
                System.out.println("c then a");
            }
        }
    }

    void nest(Object outer, Object inner) {
        synchronized (outer) {
            synchronized (inner) {
                System.out.println("nested");
            }
        }
    }
}
