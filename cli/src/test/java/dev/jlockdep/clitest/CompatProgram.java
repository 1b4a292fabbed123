package dev.jlockdep.clitest;

import java.util.Vector;

/**
 * A possible deadlock of each kind a baseline holds, for the test that a baseline written by an older
 * jlockdep still passes the same program: an AB-BA between two fields, and two Vectors nested.
 */
public class CompatProgram {
    private static final Object first = new Object();
    private static final Object second = new Object();

    public static void main(String[] args) throws Exception {
        Thread t = new Thread(() -> {
            synchronized (first) {
                synchronized (second) {
                    System.out.println("first then second");
                }
            }
        });
        t.start();
        t.join();
        synchronized (second) {
            synchronized (first) {
                System.out.println("second then first");
            }
        }
        Vector<String> a = new Vector<>();
        Vector<String> b = new Vector<>();
        a.add("x");
        b.add("x");
        System.out.println("contained: " + a.containsAll(b));
    }
}
