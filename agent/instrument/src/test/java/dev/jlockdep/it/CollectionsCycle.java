package dev.jlockdep.it;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Vector;

/**
 * JDK classes calling into each other: Vector.removeAll takes the Vector's monitor and then the
 * synchronized map's (its values view asks the map); iterating the map under its own lock, as its
 * javadoc says to, while adding to the Vector takes them the other way round. Then
 * log.containsAll(other): one Vector's monitor inside another's, but the two are named by where they are
 * kept (a field, a local made in main), so that is one order of two classes, not a recursive report.
 */
public class CollectionsCycle {
    static final Map<String, String> names = Collections.synchronizedMap(new HashMap<>());
    static final Vector<Object> log = new Vector<>();

    public static void main(String[] args) throws Exception {
        names.put("k", "v");
        log.add("seed");
        Threads.runInThread("cleaner", () -> log.removeAll(names.values()));
        synchronized (names) {
            for (String key : names.keySet()) {
                log.add(key);
            }
        }
        Vector<Object> other = new Vector<>();
        other.add("x");
        var unused = log.containsAll(other); // for its locking
        System.out.println("finished " + log.size());
    }
}
