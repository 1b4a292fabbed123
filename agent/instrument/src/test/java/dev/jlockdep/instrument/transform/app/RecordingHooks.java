package dev.jlockdep.instrument.transform.app;

import java.util.ArrayList;
import java.util.List;

/**
 * Stands for the bridge in {@link LockMethodVisitorTest}: rewritten code calls these, with the hooks'
 * names and descriptors, and they record what they were called with.
 */
public final class RecordingHooks {
    static final List<String> CALLS = new ArrayList<>();
    static final List<Integer> SITES = new ArrayList<>();
    /** The constructions of lock wrappers announced, apart from the calls: around every such constructor. */
    static final List<Integer> CONSTRUCTIONS = new ArrayList<>();
    static final List<Object> MAKERS = new ArrayList<>();

    private RecordingHooks() {
    }

    private static synchronized void record(String hook, Object o, int site) {
        CALLS.add(hook + " " + (o == null ? "null" : o.getClass().getSimpleName()));
        SITES.add(site);
    }

    /** A monitor entered is recorded with "held" if the thread holds it already: a hook called too late. */
    public static void monitorEnter(Object monitor, int site) {
        record("monitorEnter" + (Thread.holdsLock(monitor) ? " held" : ""), monitor, site);
    }

    public static void monitorEnterSection(Object monitor, int site) {
        record("monitorEnterSection" + (Thread.holdsLock(monitor) ? " held" : ""), monitor, site);
    }

    public static void initStarting(Class<?> c, int site) {
        record("initStarting " + c.getSimpleName(), null, site);
    }

    public static void initEnded(Class<?> c, int site) {
        record("initEnded " + c.getSimpleName(), null, site);
    }

    public static void classUse(Class<?> c) {
        record("classUse " + c.getSimpleName(), null, 0);
    }

    public static void monitorExit(Object monitor, int site) {
        record("monitorExit", monitor, site);
    }

    public static void created(Object lock, int site) {
        record("created", lock, site);
    }

    public static void constructed(Object object) {
        record("constructed", object, 0);
    }

    public static void lock(Object lock, int site) {
        record("lock", lock, site);
    }

    public static void lockSection(Object lock, int site) {
        record("lockSection", lock, site);
    }

    public static void lockIfLock(Object lock, int site) {
        record("lockIfLock", lock, site);
    }

    public static void unlock(Object lock, int site) {
        record("unlock", lock, site);
    }

    public static boolean tryLock(Object lock, boolean acquired, int site) {
        record("tryLock " + acquired, lock, site);
        return acquired;
    }

    public static void callingPrimitive(int site) {
        record("callingPrimitive", null, site);
    }

    public static synchronized void constructing(int id, Object maker) {
        CONSTRUCTIONS.add(id);
        MAKERS.add(maker);
    }

    public static void wait(Object monitor, long millis, int site) throws InterruptedException {
        record("wait", monitor, site);
        monitor.wait(millis);
    }
}
