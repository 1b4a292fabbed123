package dev.jlockdep.it;

import java.util.Hashtable;
import java.util.Map;

/**
 * How monitors are named. A database object's monitor is the database's, whichever field it is read
 * from: taken as {@code Schema.database} inside a session lock here, as {@code Session.database} outside
 * it there, it is one lock class, and the cycle between it and the session lock is found (named after the
 * fields, as H2's showed up, the two halves would be two classes and the real cycle missed). Two
 * {@code Hashtable}s are each named after the field they are kept in (commons-logging's factory looks
 * one up inside the other: two classes, one order, nothing more to report); with "cycle", the other order
 * too, a real cycle between those two fields.
 */
public class MonitorNaming {
    static final class Database {
    }

    static final class Schema {
        final Database database;

        Schema(Database database) {
            this.database = database;
        }
    }

    static final class Session {
        final Database database;
        final Object sessionLock = new Object();

        Session(Database database) {
            this.database = database;
        }
    }

    static final class LogFactory {
        private final Hashtable<String, String> instances = new Hashtable<>();
        private final Map<String, String> attributes = new Hashtable<>();

        String getInstance(String name) {
            return instances.computeIfAbsent(name, n -> attributes.getOrDefault(n, "log:" + n));
        }

        String getAttribute(String name) {
            return attributes.computeIfAbsent(name, n -> instances.getOrDefault(n, "attribute:" + n));
        }
    }

    public static void main(String[] args) throws Exception {
        Database db = new Database();
        Schema schema = new Schema(db);
        Session session = new Session(db);
        synchronized (session.sessionLock) {
            synchronized (schema.database) {
                Thread.onSpinWait();
            }
        }
        Thread closer = new Thread(() -> {
            synchronized (session.database) {
                synchronized (session.sessionLock) {
                    Thread.onSpinWait();
                }
            }
        }, "closer");
        closer.start();
        closer.join();
        LogFactory factory = new LogFactory();
        factory.getInstance("a");
        factory.getInstance("b");
        if (args.length > 0 && args[0].equals("cycle")) {
            factory.getAttribute("c");
        }
        System.out.println("finished");
    }
}
