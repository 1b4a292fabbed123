package dev.jlockdep.examples.plain;

import java.util.List;
import java.util.Vector;

/**
 * Two Vectors, one checked against the other: Vector.containsAll holds the first Vector's monitor while
 * it iterates the second, which takes the second's. Another thread doing b.containsAll(a) deadlocks with
 * it. jlockdep sees two instances of one lock class nested, lockdep's "possible recursive locking".
 */
public class VectorInVector {
    public static void main(String[] args) {
        Vector<String> granted = new Vector<>(List.of("read", "write"));
        Vector<String> requested = new Vector<>(List.of("read"));
        System.out.println("granted covers requested: " + granted.containsAll(requested));
    }
}
